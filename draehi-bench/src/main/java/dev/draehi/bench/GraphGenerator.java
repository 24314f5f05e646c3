package dev.draehi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a synthetic Logseq file graph of a chosen size, the same bytes for the same seed: the
 * graphs that the benchmarks and the long reliability tests sync.
 *
 * <p>Every tenth page is a namespace page ({@code AreaN/Topic i}); every page has {@code tags::}
 * and {@code type::} properties and 8 to 40 blocks, a journal (one a day from 2024-01-01) 3 to 15.
 * Blocks nest by a random walk between depths 0 and 4, indented with tabs. Of the blocks, about 35%
 * end with a page reference, 10% with a tag, 5% with a block reference, 2% are a block embed and 3%
 * are {@code TODO} tasks; 15% carry an {@code id::} (a version 4 uuid), 10% a continuation line and
 * 3% a Python code fence. Block references and embeds only point at an {@code id::} written before
 * them, so every one resolves.
 *
 * <pre>{@code
 * GraphGenerator.builder().pages(1000).journals(365).seed(42).build().writeTo(dir);
 * GraphGenerator.of(GraphGenerator.Size.G5K).writeTo(dir);
 * }</pre>
 */
public final class GraphGenerator {
    /**
     * The version of what {@link #writeTo} writes: raised whenever the same settings would write
     * other files, so that a cache of generated graphs knows to make them again.
     */
    public static final int VERSION = 1;

    private static final String CONFIG =
            "{:meta/version 1\n"
                    + " :preferred-format \"Markdown\"\n"
                    + " :file/name-format :triple-lowbar\n"
                    + " :publishing/all-pages-public? true\n"
                    + " :hidden []}\n";
    private static final List<String> WORDS =
            List.of(
                    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
                    "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau",
                    "upsilon", "phi", "chi", "psi", "omega");
    private static final List<String> TYPES = List.of("note", "person", "book");
    private static final int[] DEPTH_STEPS = {-1, 0, 0, 1};
    private static final int MAX_DEPTH = 4;
    private static final LocalDate FIRST_JOURNAL = LocalDate.of(2024, 1, 1);
    private static final DateTimeFormatter JOURNAL_FILE = DateTimeFormatter.ofPattern("yyyy_MM_dd");

    /** The named sizes the benchmarks use. */
    public enum Size {
        /** 1,000 pages and 365 journals. */
        G1K(1_000, 365),
        /** 5,000 pages and 1,000 journals. */
        G5K(5_000, 1_000),
        /** 20,000 pages and 2,000 journals. */
        G20K(20_000, 2_000),
        /** 50,000 pages and 3,000 journals. */
        G50K(50_000, 3_000);

        private final int pages;
        private final int journals;

        Size(int pages, int journals) {
            this.pages = pages;
            this.journals = journals;
        }

        /** The number of pages, journals not counted. */
        public int pages() {
            return pages;
        }

        /** The number of journals. */
        public int journals() {
            return journals;
        }

        /** The size's name as the benchmarks write it: {@code g1k}, {@code g5k}, … */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The size called {@code label} ({@code g1k}, …). */
        public static Size named(String label) {
            Objects.requireNonNull(label, "label");
            for (Size s : values()) {
                if (s.label().equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(
                    "unknown graph size '" + label + "'; choose from g1k, g5k, g20k, g50k");
        }
    }

    private final int pages;
    private final int journals;
    private final long seed;

    private GraphGenerator(Builder b) {
        this.pages = b.pages;
        this.journals = b.journals;
        this.seed = b.seed;
    }

    /** A generator with the default settings: {@link Size#G1K} and seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** A generator of the named size with seed 42. */
    public static GraphGenerator of(Size size) {
        return builder().size(size).build();
    }

    /** The number of pages, journals not counted. */
    public int pages() {
        return pages;
    }

    /** The number of journals. */
    public int journals() {
        return journals;
    }

    /** The seed of the random choices. */
    public long seed() {
        return seed;
    }

    /**
     * One line that names everything the files depend on (the {@link #VERSION} and the settings):
     * two generators with the same fingerprint write the same bytes.
     */
    public String fingerprint() {
        return String.format(
                Locale.ROOT,
                "draehi-graph-generator %d pages=%d journals=%d seed=%d",
                VERSION,
                pages,
                journals,
                seed);
    }

    /**
     * Writes the graph into {@code dir} ({@code logseq/config.edn}, {@code pages/}, {@code
     * journals/}), creating it; {@code dir} must not exist or be empty.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public void writeTo(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException("not an empty directory: " + dir);
                    }
                }
            }
            Files.createDirectories(dir.resolve("logseq"));
            Files.createDirectories(dir.resolve("pages"));
            Files.createDirectories(dir.resolve("journals"));
            write(dir.resolve("logseq").resolve("config.edn"), CONFIG);
            new Run(new Random(seed)).writeAll(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the generated graph to " + dir, e);
        }
    }

    private static void write(Path file, CharSequence text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** One pass of writing: the random source and the block ids written so far. */
    private final class Run {
        private final Random random;
        private final List<String> titles = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();

        Run(Random random) {
            this.random = random;
        }

        void writeAll(Path dir) throws IOException {
            for (int i = 0; i < pages; i++) {
                String title = capitalized(word()) + " " + word() + " " + i;
                titles.add(i % 10 == 0 ? "Area" + i % 7 + "/Topic " + i : title);
            }
            for (String title : titles) {
                List<String> properties =
                        List.of("tags:: " + word() + ", " + word(), "type:: " + pick(TYPES));
                String file = title.replace("/", "___") + ".md";
                write(dir.resolve("pages").resolve(file), page(properties, between(8, 40)));
            }
            for (int j = 0; j < journals; j++) {
                String file = FIRST_JOURNAL.plusDays(j).format(JOURNAL_FILE) + ".md";
                write(dir.resolve("journals").resolve(file), page(List.of(), between(3, 15)));
            }
        }

        private CharSequence page(List<String> properties, int blocks) {
            StringBuilder out = new StringBuilder();
            for (String p : properties) {
                out.append(p).append('\n');
            }
            if (!properties.isEmpty()) {
                out.append('\n');
            }
            int depth = 0;
            for (int b = 0; b < blocks; b++) {
                depth = Math.max(0, Math.min(depth + DEPTH_STEPS[random.nextInt(4)], MAX_DEPTH));
                String indent = "\t".repeat(depth);
                out.append(indent).append("- ").append(blockLine()).append('\n');
                if (random.nextDouble() < 0.15) {
                    String id = uuid4().toString();
                    ids.add(id);
                    out.append(indent).append("  id:: ").append(id).append('\n');
                }
                if (random.nextDouble() < 0.10) {
                    out.append(indent).append("  ").append(sentence(10)).append('\n');
                }
                if (random.nextDouble() < 0.03) {
                    out.append(indent).append("  ```python\n");
                    out.append(indent).append("  def f(x):\n");
                    out.append(indent).append("      return x * 2\n");
                    out.append(indent).append("  ```\n");
                }
            }
            return out;
        }

        private String blockLine() {
            String s = sentence(between(6, 20));
            double r = random.nextDouble();
            if (r < 0.35) {
                return s + " [[" + pick(titles) + "]]";
            } else if (r < 0.45) {
                return s + " #" + word();
            } else if (r < 0.50 && !ids.isEmpty()) {
                return s + " ((" + pick(ids) + "))";
            } else if (r < 0.52 && !ids.isEmpty()) {
                return "{{embed ((" + pick(ids) + "))}}";
            } else if (r < 0.55) {
                return "TODO " + s;
            }
            return s;
        }

        private String sentence(int words) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < words; i++) {
                if (i > 0) {
                    s.append(' ');
                }
                s.append(word());
            }
            return s.toString();
        }

        private String word() {
            return pick(WORDS);
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        /** A number from {@code min} to {@code max}, both included. */
        private int between(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        private UUID uuid4() {
            long high = (random.nextLong() & ~0xF000L) | 0x4000L;
            long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(high, low);
        }
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Settings of a {@link GraphGenerator}. */
    public static final class Builder {
        private int pages = Size.G1K.pages();
        private int journals = Size.G1K.journals();
        private long seed = 42;

        private Builder() {}

        /** Pages besides journals, at least 1. Default 1,000. */
        public Builder pages(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("pages must be at least 1: " + pages);
            }
            this.pages = pages;
            return this;
        }

        /** Journals, one a day from 2024-01-01, at least 0. Default 365. */
        public Builder journals(int journals) {
            if (journals < 0) {
                throw new IllegalArgumentException("journals must not be negative: " + journals);
            }
            this.journals = journals;
            return this;
        }

        /** The pages and journals of a named size. Default {@link Size#G1K}. */
        public Builder size(Size size) {
            Objects.requireNonNull(size, "size");
            return pages(size.pages()).journals(size.journals());
        }

        /** The seed of every random choice: the same seed writes the same bytes. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The generator. */
        public GraphGenerator build() {
            return new GraphGenerator(this);
        }
    }
}
