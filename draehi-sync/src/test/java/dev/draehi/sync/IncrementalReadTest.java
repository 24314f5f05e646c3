package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-read told which files changed takes over what it can from the last read: after random edits,
 * it must give the graph that a fresh reader gives, pages, order, warnings and all.
 */
class IncrementalReadTest {
    @TempDir Path tmp;

    private static final String[] NAMES = {
        "Alpha", "Beta", "Gamma", "NS/Child", "NS/Child/Leaf", "Other", "Missing", "Alias1"
    };
    private static final String[] IDS = {
        "65000000-0000-0000-0000-000000000001",
        "65000000-0000-0000-0000-000000000002",
        "65000000-0000-0000-0000-000000000003"
    };

    @Test
    void rereadsEqualFreshReadsAfterRandomEdits() throws IOException {
        for (long seed = 1; seed <= Long.getLong("draehi.seeds", 20); seed++) {
            check(seed);
        }
    }

    /**
     * The same with every file written long enough before the read to be vouched for by its size
     * and time: a re-read then takes the files it was not told of from the last read by place, not
     * by looking each one up.
     */
    @Test
    void rereadsOfSettledFilesEqualFreshReadsAfterRandomEdits() throws IOException {
        aged = true;
        for (long seed = 1; seed <= Long.getLong("draehi.seeds", 20); seed++) {
            check(seed);
        }
    }

    /** Whether each write is dated in the past, a second apart from every other. */
    private boolean aged;

    private long writes;

    private void written(Path file) throws IOException {
        if (aged) {
            Files.setLastModifiedTime(
                    file,
                    java.nio.file.attribute.FileTime.fromMillis(
                            System.currentTimeMillis() - 3_600_000 + 1000 * writes++));
        }
    }

    @Test
    void anIdTakenByAnEarlierNewFileIsTakenFromAnUnchangedLaterOne() throws IOException {
        Path root = tmp.resolve("ids");
        Files.createDirectories(root.resolve("pages"));
        Files.writeString(root.resolve("pages/B.md"), "- b\n  id:: " + IDS[0] + "\n");
        Files.writeString(root.resolve("pages/C.md"), "- c ((" + IDS[0] + "))\n");
        LogseqGraphReader reader = LogseqGraphReader.builder().build();
        reader.read(root, "c1");
        Files.writeString(root.resolve("pages/A.md"), "- a\n  id:: " + IDS[0] + "\n");

        Graph incremental = reader.read(root, "c2", List.of("pages/A.md"));

        Graph fresh = LogseqGraphReader.builder().build().read(root, "c2");
        assertThat(incremental.pages()).isEqualTo(fresh.pages());
        assertThat(incremental.warnings()).isEqualTo(fresh.warnings());
        assertThat(incremental.block(IDS[0]).orElseThrow().page().name()).isEqualTo("A");
    }

    private void check(long seed) throws IOException {
        Random rnd = new Random(seed);
        Path root = tmp.resolve("g" + seed);
        Files.createDirectories(root.resolve("pages"));
        Files.createDirectories(root.resolve("journals"));
        LogseqGraphReader reader = LogseqGraphReader.builder().parallelism(1).build();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            files.add(write(root, rnd, newFile(rnd, i)));
        }
        reader.read(root, "c0");
        for (int step = 1; step <= 30; step++) {
            List<String> changed = new ArrayList<>();
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int what = rnd.nextInt(5);
                if (what == 0 || files.isEmpty()) {
                    String f = write(root, rnd, newFile(rnd, 100 + step * 10 + e));
                    files.add(f);
                    changed.add(f);
                } else if (what == 1 && files.size() > 2) {
                    String f = files.remove(rnd.nextInt(files.size()));
                    Files.deleteIfExists(root.resolve(f));
                    changed.add(f);
                } else if (what == 2) {
                    // only the text changes: same names, aliases and ids
                    String f = files.get(rnd.nextInt(files.size()));
                    Path file = root.resolve(f);
                    if (!Files.exists(file)) {
                        continue; // listed twice, and deleted
                    }
                    Files.writeString(
                            file,
                            Files.readString(file)
                                    .replaceAll("text \\d+", "text " + rnd.nextInt(100)));
                    written(file);
                    changed.add(f);
                } else {
                    String f = files.get(rnd.nextInt(files.size()));
                    Files.writeString(root.resolve(f), content(rnd));
                    written(root.resolve(f));
                    changed.add(f);
                }
            }
            Graph incremental = reader.read(root, "c" + step, changed);
            Graph fresh = LogseqGraphReader.builder().parallelism(1).build().read(root, "c" + step);
            assertThat(incremental.pages().stream().map(Object::toString).toList())
                    .as("seed %d step %d", seed, step)
                    .containsExactlyElementsOf(
                            fresh.pages().stream().map(Object::toString).toList());
            assertThat(incremental.warnings())
                    .as("seed %d step %d", seed, step)
                    .isEqualTo(fresh.warnings());
            for (String id : IDS) {
                assertThat(incremental.block(id).map(l -> l.page() + " " + l.block()))
                        .isEqualTo(fresh.block(id).map(l -> l.page() + " " + l.block()));
                // the location's page is the graph's own page object
                incremental
                        .block(id)
                        .ifPresent(
                                l -> assertThat(incremental.pages()).anyMatch(p -> p == l.page()));
            }
            for (String name : NAMES) {
                assertThat(incremental.page(name)).isEqualTo(fresh.page(name));
                incremental
                        .page(name)
                        .ifPresent(pg -> assertThat(incremental.pages()).anyMatch(p -> p == pg));
            }
            assertThat(incremental.publishedBlockCount()).isEqualTo(fresh.publishedBlockCount());
        }
    }

    private static String newFile(Random rnd, int n) {
        if (rnd.nextInt(4) == 0) {
            return "journals/2024_01_" + String.format("%02d", 1 + rnd.nextInt(28)) + ".md";
        }
        String name = NAMES[rnd.nextInt(NAMES.length)];
        // sometimes a second file for a name: the later one loses
        return "pages/" + name.replace("/", "___") + (rnd.nextInt(5) == 0 ? "" : "-" + n) + ".md";
    }

    private String write(Path root, Random rnd, String rel) throws IOException {
        Files.writeString(root.resolve(rel), content(rnd));
        written(root.resolve(rel));
        return rel;
    }

    private static String content(Random rnd) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextInt(3) == 0) {
            sb.append("alias:: ").append(NAMES[rnd.nextInt(NAMES.length)]).append('\n');
        }
        if (rnd.nextInt(4) == 0) {
            sb.append("public:: false\n");
        }
        if (rnd.nextInt(3) == 0) {
            sb.append("related:: [[").append(NAMES[rnd.nextInt(NAMES.length)]).append("]]\n");
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        int blocks = 1 + rnd.nextInt(4);
        for (int b = 0; b < blocks; b++) {
            sb.append(b > 0 && rnd.nextBoolean() ? "  - " : "- ");
            sb.append("text ").append(rnd.nextInt(100));
            switch (rnd.nextInt(5)) {
                case 0 -> sb.append(" [[").append(NAMES[rnd.nextInt(NAMES.length)]).append("]]");
                case 1 -> sb.append(" #").append("tag").append(rnd.nextInt(3));
                case 2 -> sb.append(" ((").append(IDS[rnd.nextInt(IDS.length)]).append("))");
                case 3 -> sb.append(" [[New ").append(rnd.nextInt(3)).append("/Sub]]");
                default -> {}
            }
            sb.append('\n');
            if (rnd.nextInt(4) == 0) {
                sb.append(b > 0 ? "    " : "  ")
                        .append("id:: ")
                        .append(IDS[rnd.nextInt(IDS.length)])
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
