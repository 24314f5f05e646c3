package dev.draehi.sync;

import dev.draehi.SyncException;
import dev.draehi.model.Asset;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.SyncWarning;
import dev.draehi.sync.internal.ConfigReader;
import dev.draehi.sync.internal.FileParses;
import dev.draehi.sync.internal.GraphAssembler;
import dev.draehi.sync.internal.GraphWalker;
import dev.draehi.sync.internal.LogseqConfig;
import dev.draehi.sync.internal.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a Logseq file graph (a directory with {@code pages/}, {@code journals/}, {@code assets/}
 * and {@code logseq/config.edn}) into a {@link Graph}. Immutable and safe to share between threads.
 *
 * <p>Bad input in a page never stops a read: an unreadable, oversized or mis-encoded file, absurd
 * nesting or duplicate {@code id::} values each become a {@link SyncWarning} of the graph, and the
 * rest of the graph is read. A {@code logseq/config.edn} that Logseq could not read stops it with
 * {@link SyncException.Reason#INVALID_CONFIG}: the config says what is hidden and how files are
 * named, and guessing could publish what it hides.
 *
 * <pre>{@code
 * LogseqGraphReader reader = LogseqGraphReader.builder()
 *         .strictPublishing(false)
 *         .maxFileBytes(16L << 20)
 *         .build();
 * Graph graph = reader.read(Path.of("/srv/graphs/docs"), commitSha);
 * for (Page page : graph.publishedPages()) {
 *     System.out.println(page.name() + ": " + page.flatBlocks().size() + " blocks");
 * }
 * graph.warnings().forEach(w -> log.warn("{}", w));
 * }</pre>
 */
public final class LogseqGraphReader {
    /** The default {@link Builder#maxFileBytes(long)}: 16 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;

    /** The default {@link Builder#maxDepth(int)}. */
    public static final int DEFAULT_MAX_DEPTH = 100;

    /** The largest accepted {@link Builder#maxDepth(int)}. */
    public static final int MAX_DEPTH_LIMIT = 1000;

    private final boolean strictPublishing;
    private final long maxFileBytes;
    private final int maxDepth;
    private final int parallelism;
    private final FileParses parses;

    private LogseqGraphReader(Builder b) {
        this.strictPublishing = b.strictPublishing;
        this.maxFileBytes = b.maxFileBytes;
        this.maxDepth = b.maxDepth;
        this.parallelism = b.parallelism;
        this.parses = new FileParses(maxFileBytes, maxDepth, parallelism);
    }

    /**
     * What the last read of each graph root left for the next: its walk, the parse of each file by
     * path (a file whose bytes did not change is not parsed again, so a re-read after a one-page
     * push costs little more than reading the files), and the pages assembled from them. Replaced
     * whole at the end of each read; kept until {@link #forget}.
     */
    private final Map<Path, LastRead> lastReads = new ConcurrentHashMap<>();

    private record LastRead(
            Walked walked,
            Map<String, FileParses.Cached> parsed,
            FileParses.Parsed files,
            Assembly assembly,
            long bytes) {}

    /** A builder with the defaults documented on its methods. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the graph at {@code graphRoot}.
     *
     * @param graphRoot the graph directory
     * @param commitSha the commit the directory holds (or a content hash), stored in the graph
     * @throws SyncException with {@link SyncException.Reason#INVALID_SOURCE} when {@code graphRoot}
     *     is not a directory, and {@link SyncException.Reason#INVALID_CONFIG} when its {@code
     *     logseq/config.edn} cannot be read
     */
    public Graph read(Path graphRoot, String commitSha) {
        Objects.requireNonNull(graphRoot, "graphRoot");
        Objects.requireNonNull(commitSha, "commitSha");
        if (!Files.isDirectory(graphRoot, LinkOption.NOFOLLOW_LINKS)) {
            throw new SyncException(
                    SyncException.Reason.INVALID_SOURCE, "not a graph directory: " + graphRoot);
        }
        List<SyncWarning> warnings = new ArrayList<>();
        LogseqConfig config = readConfig(graphRoot, warnings);
        GraphWalker.Result walk = GraphWalker.walk(graphRoot, config);
        synchronized (lockOf(graphRoot)) {
            return assemble(graphRoot, commitSha, config, walk, warnings, null);
        }
    }

    /**
     * One lock per graph root: what a read keeps for the next is changed in place by the next, so
     * reads of one root take turns; reads of different roots do not wait for each other.
     */
    private final Map<Path, Object> rootLocks = new ConcurrentHashMap<>();

    private Object lockOf(Path graphRoot) {
        return rootLocks.computeIfAbsent(cacheKey(graphRoot), k -> new Object());
    }

    /**
     * Reads the graph at {@code graphRoot} again after a change to only {@code changedPaths}
     * (relative to the root, with {@code /}) since this reader's last read of it: the files not
     * named are taken to be as they were then, and are neither listed nor read again. A source that
     * knows what a commit changed (a git diff) so avoids a walk of the whole graph. Reads the whole
     * graph, as {@link #read(Path, String)}, when there was no earlier read, or when a named path
     * is the config or lies outside {@code pages/}, {@code journals/} and {@code assets/}.
     *
     * @param changedPaths the files added, changed or deleted since the last read
     */
    public Graph read(Path graphRoot, String commitSha, Collection<String> changedPaths) {
        Objects.requireNonNull(graphRoot, "graphRoot");
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(changedPaths, "changedPaths");
        synchronized (lockOf(graphRoot)) {
            LastRead lastRead = lastReads.get(cacheKey(graphRoot));
            Walked last = lastRead == null ? null : lastRead.walked();
            if (last == null || !Files.isDirectory(graphRoot, LinkOption.NOFOLLOW_LINKS)) {
                return read(graphRoot, commitSha);
            }
            GraphWalker.Result walk =
                    GraphWalker.rewalk(graphRoot, last.config(), last.walk(), changedPaths);
            if (walk == null) {
                return read(graphRoot, commitSha);
            }
            return assemble(
                    graphRoot,
                    commitSha,
                    last.config(),
                    walk,
                    new ArrayList<>(last.configWarnings()),
                    changedPaths);
        }
    }

    /**
     * The last graph read from a root, and its file pages by path: the next read takes over the
     * pages of files that did not change, and what the graph derived from them.
     */
    private record Assembly(
            Map<String, GraphAssembler.Assembled> pages,
            GraphAssembler.Outcome outcome,
            Graph graph) {}

    /** The last walk of a root, with the config and the config's warnings it was made with. */
    private record Walked(
            LogseqConfig config, List<SyncWarning> configWarnings, GraphWalker.Result walk) {}

    /**
     * About how many bytes this reader keeps of its last read of {@code graphRoot} (the parse of
     * each file and the pages assembled from them, not the graph it returned), or 0.
     */
    public long retainedBytes(Path graphRoot) {
        Objects.requireNonNull(graphRoot, "graphRoot");
        LastRead last = lastReads.get(cacheKey(graphRoot));
        return last == null ? 0 : last.bytes();
    }

    /**
     * Drops what this reader keeps of its last read of {@code graphRoot}: the next read of it
     * parses every file.
     */
    public void forget(Path graphRoot) {
        Objects.requireNonNull(graphRoot, "graphRoot");
        lastReads.remove(cacheKey(graphRoot));
    }

    private Graph assemble(
            Path graphRoot,
            String commitSha,
            LogseqConfig config,
            GraphWalker.Result walk,
            List<SyncWarning> warnings,
            Collection<String> changedPaths) {
        Path key = cacheKey(graphRoot);
        LastRead last = lastReads.get(key);
        Walked walked = new Walked(config, List.copyOf(warnings), walk);
        warnings.addAll(walk.warnings());

        List<GraphWalker.SourceFile> files = new ArrayList<>(walk.journals());
        files.addAll(walk.pages());
        // a file's refs depend on the config's property rules: a change of them parses every file
        Map<String, FileParses.Cached> previous =
                last == null || !last.walked().config().properties().equals(config.properties())
                        ? Map.of()
                        : last.parsed();
        // After a change of a few named files the last read's parses are updated in place: each
        // vouches for its file by size, time and inode, so one left behind by a read that failed
        // is still true or is not believed. A full read starts a map of its own, sized for every
        // file (growing a concurrent map of 50,000 entries cost more than parsing a page).
        boolean inPlace = changedPaths != null && last != null && previous == last.parsed();
        Map<String, FileParses.Cached> current =
                inPlace ? previous : new ConcurrentHashMap<>(files.size() * 4 / 3 + 16);
        FileParses.Parsed same = inPlace ? last.files() : null;
        java.util.BitSet recheck = new java.util.BitSet();
        List<FileParses.Outcome> outcomes =
                parses.parseAll(files, same, previous, current, recheck, config.properties());
        if (inPlace) {
            for (String path : changedPaths) {
                if (!GraphWalker.lists(walk, path)) {
                    current.remove(path);
                }
            }
        }
        // After a change of a few files, the last read's inputs with those files' swapped
        int[] changed = FileParses.changedPositions(same, files, outcomes);
        FileParses.Inputs in =
                changed == null ? null : same.inputs().patched(files, outcomes, changed);
        if (in == null) {
            changed = null;
            in = FileParses.Inputs.of(files, outcomes);
        }
        warnings.addAll(in.warnings());
        List<GraphAssembler.Input> inputs = in.list();
        long textBytes = in.textBytes();
        Assembly assembled = last == null ? null : last.assembly();
        GraphAssembler assembler =
                new GraphAssembler(config, strictPublishing, warnings)
                        .reusing(assembled == null ? Map.of() : assembled.pages());
        List<Page> pages = null;
        if (assembled != null) {
            Graph before = assembled.graph();
            pages =
                    assembler.assembleQuickly(
                            inputs,
                            assembled.outcome(),
                            changed,
                            identity ->
                                    before.page(identity).filter(p -> !p.isGenerated()).isPresent(),
                            (id, path) ->
                                    before.block(id)
                                            .filter(l -> !path.equals(l.page().file()))
                                            .isPresent());
        }
        if (pages == null) {
            pages = assembler.assemble(inputs);
        }
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (Asset a : walk.assets()) {
            assets.put(a.path(), a);
        }
        Graph graph =
                new Graph(
                        commitSha,
                        config.toGraphConfig(),
                        pages,
                        assets,
                        warnings,
                        assembled == null ? null : assembled.graph());
        // The parse of each file holds its text about twice over (source lines, then block
        // content), and each file a few hundred bytes of records.
        long bytes = 2 * textBytes + 600L * files.size();
        lastReads.put(
                key,
                new LastRead(
                        walked,
                        current,
                        new FileParses.Parsed(files, outcomes, recheck, in),
                        new Assembly(assembler.assembled(), assembler.outcome(), graph),
                        bytes));
        return graph;
    }

    private LogseqConfig readConfig(Path root, List<SyncWarning> warnings) {
        Path file = root.resolve(ConfigReader.PATH);
        if (!GraphWalker.noLinkOnTheWay(root, ConfigReader.PATH)) {
            // a linked logseq/ folder or config.edn could name any file of the server's disk
            warnings.add(
                    new SyncWarning(
                            ConfigReader.PATH,
                            0,
                            "not read: a symlink on its path; the default settings apply"));
            return LogseqConfig.DEFAULTS;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return LogseqConfig.DEFAULTS;
        }
        try {
            if (Files.size(file) > maxFileBytes) {
                throw ConfigReader.unreadable(
                        0, "it is over the file size limit of " + maxFileBytes + " bytes");
            }
            SourceText.Decoded text = SourceText.decode(Files.readAllBytes(file));
            return ConfigReader.parse(text.text(), warnings);
        } catch (IOException e) {
            throw ConfigReader.unreadable(
                    0, "the file cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static Path cacheKey(Path root) {
        return root.toAbsolutePath().normalize();
    }

    /** Configures a {@link LogseqGraphReader}. */
    public static final class Builder {
        private boolean strictPublishing = false;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int parallelism = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /**
         * Logseq's own publishing rule: only pages with {@code public:: true} are published, unless
         * config.edn sets {@code :publishing/all-pages-public? true}. Default {@code false}: every
         * page is published except {@code public:: false} pages, {@code :hidden} paths, and, when
         * config.edn sets {@code :publishing/all-pages-public? false}, pages without {@code
         * public:: true}.
         */
        public Builder strictPublishing(boolean strictPublishing) {
            this.strictPublishing = strictPublishing;
            return this;
        }

        /** Files larger than this are skipped with a warning. Default 16 MiB. */
        public Builder maxFileBytes(long maxFileBytes) {
            if (maxFileBytes <= 0) {
                throw new IllegalArgumentException(
                        "maxFileBytes must be positive: " + maxFileBytes);
            }
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        /**
         * Blocks nested deeper are attached at this depth, with a warning, so nothing downstream
         * recurses thousands of levels. Default 100, at most {@value #MAX_DEPTH_LIMIT_DOC}.
         */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
                throw new IllegalArgumentException(
                        "maxDepth must be between 1 and " + MAX_DEPTH_LIMIT + ": " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        /** How many files are parsed at once. Default: the number of available processors. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** The configured reader. */
        public LogseqGraphReader build() {
            return new LogseqGraphReader(this);
        }

        private static final int MAX_DEPTH_LIMIT_DOC = MAX_DEPTH_LIMIT;
    }
}
