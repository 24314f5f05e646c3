package dev.draehi.sync.internal;

import dev.draehi.model.Asset;
import dev.draehi.model.SyncWarning;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a graph directory the way Logseq does: {@code pages/} (sub-folders too), {@code journals/},
 * {@code assets/}, {@code logseq/config.edn}; never follows symlinks; skips dot-paths, {@code
 * logseq/bak}, {@code version-files} and {@code node_modules}.
 */
public final class GraphWalker {
    /**
     * The graph's own style sheet: kept among its assets so that the site can serve it as a file of
     * its own (never inlined).
     */
    public static final String CUSTOM_CSS = "logseq/custom.css";

    private static final Set<String> PAGE_EXTENSIONS = Set.of("md", "markdown", "org");

    private static final Set<String> TOP_FOLDERS = Set.of("pages", "journals", "assets", "logseq");

    private GraphWalker() {}

    /** A whiteboard file: {@code whiteboards/*.edn}, not in a sub-folder. */
    public static boolean isWhiteboard(String rel) {
        return rel.startsWith("whiteboards/")
                && rel.indexOf('/', "whiteboards/".length()) < 0
                && FileNames.extension(rel).equals("edn");
    }

    /** A file to parse. */
    /**
     * A page file. {@code modified} (nanoseconds since the epoch) and {@code fileKey} (the inode,
     * or null) let a reader tell an untouched file from a rewritten one without reading it.
     */
    public record SourceFile(
            String path,
            Path file,
            long size,
            boolean journalFolder,
            long modified,
            Object fileKey) {}

    /**
     * What a walk found: journal files then page files, each sorted by path; assets sorted by path;
     * config.edn or null.
     */
    public record Result(
            List<SourceFile> journals,
            List<SourceFile> pages,
            List<Asset> assets,
            Path config,
            List<SyncWarning> warnings) {}

    /** Walks {@code root}; assets under a hidden prefix of {@code config} are left out. */
    public static Result walk(Path root, LogseqConfig config) {
        List<SourceFile> journals = new ArrayList<>();
        List<SourceFile> pages = new ArrayList<>();
        List<Asset> assets = new ArrayList<>();
        List<SyncWarning> warnings = new ArrayList<>();
        Path[] configFile = {null};
        FileVisitor<Path> visitor =
                new FileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isSymbolicLink()) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        String rel = relative(root, dir);
                        String name = dir.getFileName().toString();
                        if (name.startsWith(".")
                                || name.equals("node_modules")
                                || name.equals("version-files")
                                || rel.equals("logseq/bak")) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
                        return switch (top) {
                            case "pages", "journals", "assets", "logseq", "whiteboards" ->
                                    FileVisitResult.CONTINUE;
                            default -> FileVisitResult.SKIP_SUBTREE;
                        };
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String name = file.getFileName().toString();
                        if (!attrs.isRegularFile()
                                || attrs.isSymbolicLink()
                                || name.startsWith(".")) {
                            return FileVisitResult.CONTINUE;
                        }
                        String rel = relative(root, file);
                        if (rel.startsWith("assets/") || rel.equals(CUSTOM_CSS)) {
                            if (!config.isHidden(rel)) {
                                assets.add(new Asset(rel, file, attrs.size()));
                            }
                        } else if (rel.equals(ConfigReader.PATH)) {
                            configFile[0] = file;
                        } else if (isWhiteboard(rel)) {
                            pages.add(source(rel, file, attrs, false));
                        } else if (PAGE_EXTENSIONS.contains(FileNames.extension(rel))) {
                            if (rel.startsWith("journals/")) {
                                journals.add(source(rel, file, attrs, true));
                            } else if (rel.startsWith("pages/")) {
                                pages.add(source(rel, file, attrs, false));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        warnings.add(
                                new SyncWarning(
                                        relative(root, file),
                                        0,
                                        "could not read: " + exc.getClass().getSimpleName()));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                        if (exc != null) {
                            warnings.add(
                                    new SyncWarning(
                                            relative(root, dir),
                                            0,
                                            "could not list: " + exc.getClass().getSimpleName()));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                };
        try {
            Files.walkFileTree(
                    root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), 256, visitor);
        } catch (IOException e) {
            warnings.add(new SyncWarning(null, 0, "could not walk the graph: " + e.getMessage()));
        }
        journals.sort(Comparator.comparing(SourceFile::path));
        pages.sort(Comparator.comparing(SourceFile::path));
        assets.sort(Comparator.comparing(Asset::path));
        return new Result(journals, pages, assets, configFile[0], warnings);
    }

    /**
     * True when no folder on the way from {@code root} to {@code rel} (a path relative to it, with
     * {@code /}) is a symlink, nor the file itself: what is read there is inside the root. A path
     * through a link could name anything on the server's disk.
     */
    public static boolean noLinkOnTheWay(Path root, String rel) {
        Path p = root;
        for (String part : rel.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The walk of {@code root} that {@code previous} was, after a change to only {@code changed}
     * (paths relative to the root): each named path is looked at again, the rest kept; a file the
     * walk leaves out (not a page nor an asset) is passed over. Returns null when a named path is
     * one only a whole walk can settle (the config, a dot-path, a folder), or cannot be read.
     */
    public static Result rewalk(
            Path root, LogseqConfig config, Result previous, java.util.Collection<String> changed) {
        List<SourceFile> journals = new ArrayList<>(previous.journals());
        List<SourceFile> pages = new ArrayList<>(previous.pages());
        List<Asset> assets = new ArrayList<>(previous.assets());
        for (String rel : changed) {
            for (String part : rel.split("/")) {
                if (part.isEmpty()
                        || part.startsWith(".")
                        || part.equals("node_modules")
                        || part.equals("version-files")) {
                    return null;
                }
            }
            boolean asset = rel.startsWith("assets/") || rel.equals(CUSTOM_CSS);
            boolean journal = rel.startsWith("journals/");
            boolean page = rel.startsWith("pages/");
            if (!asset
                    && !isWhiteboard(rel)
                    && !((journal || page) && PAGE_EXTENSIONS.contains(FileNames.extension(rel)))) {
                if (rel.equals(ConfigReader.PATH)
                        || TOP_FOLDERS.contains(rel)
                        || Files.isDirectory(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                continue; // a file the walk leaves out: an editor's swap file, Logseq's metadata
            }
            Path file = root.resolve(rel);
            if (!noLinkOnTheWay(root, rel)) {
                return null; // the whole walk leaves it out
            }
            BasicFileAttributes attrs;
            try {
                attrs =
                        Files.readAttributes(
                                file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException e) {
                attrs = null;
            } catch (IOException e) {
                return null;
            }
            boolean present = attrs != null && attrs.isRegularFile();
            if (asset) {
                upsert(
                        assets,
                        rel,
                        present && !config.isHidden(rel)
                                ? new Asset(rel, file, attrs.size())
                                : null,
                        Asset::path);
            } else {
                upsert(
                        journal ? journals : pages,
                        rel,
                        present ? source(rel, file, attrs, journal) : null,
                        SourceFile::path);
            }
        }
        return new Result(
                List.copyOf(journals),
                List.copyOf(pages),
                List.copyOf(assets),
                previous.config(),
                previous.warnings());
    }

    /** Puts {@code value} at {@code path} in a list sorted by path, or removes it when null. */
    private static <T> void upsert(
            List<T> sorted, String path, T value, java.util.function.Function<T, String> pathOf) {
        int at = find(sorted, path, pathOf);
        if (at >= 0) {
            if (value == null) {
                sorted.remove(at);
            } else {
                sorted.set(at, value);
            }
        } else if (value != null) {
            sorted.add(-at - 1, value);
        }
    }

    /** Whether {@code walk} lists a journal or page file at {@code path}. */
    public static boolean lists(Result walk, String path) {
        return find(walk.journals(), path, SourceFile::path) >= 0
                || find(walk.pages(), path, SourceFile::path) >= 0;
    }

    /**
     * The index of {@code path} in a list sorted by path, or {@code -(insertion point) - 1}, as
     * {@link java.util.Collections#binarySearch} has it.
     */
    private static <T> int find(
            List<T> sorted, String path, java.util.function.Function<T, String> pathOf) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pathOf.apply(sorted.get(mid)).compareTo(path);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** {@code file} relative to {@code root}, with {@code /}. */
    public static String relative(Path root, Path file) {
        Path rel = root.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static SourceFile source(
            String rel, Path file, BasicFileAttributes attrs, boolean journalFolder) {
        return new SourceFile(
                rel,
                file,
                attrs.size(),
                journalFolder,
                attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                attrs.fileKey());
    }
}
