package dev.draehi.cli;

import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.spi.PausePoint;
import dev.draehi.web.SiteUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes every path of a {@link Site} under a directory: {@code /a/b} as {@code a/b/index.html},
 * files (names with a dot) as themselves, and the assets the pages link to.
 *
 * <p>An export is written whole into {@code DIR.draehi-new} beside {@code DIR}, then swapped in
 * ({@code DIR} moved to {@code DIR.draehi-old}, the new one moved to {@code DIR}, the old one
 * deleted): a process killed while it writes leaves the old export whole, and the next run removes
 * what it left or, killed between the two moves, finishes the swap. Files in {@code DIR} that an
 * earlier run did not write (those not listed in {@code -/.draehi-files}) are carried over into the
 * new export; what an earlier run wrote that is gone now is not.
 *
 * <pre>{@code
 * StaticExport.Result r = new StaticExport(Site.builder(storage).build(), Path.of("site")).write();
 * }</pre>
 */
public final class StaticExport {
    // under the root's -/, so that the root holds only the site's files
    private static final String MANIFEST = "-/.draehi-files";
    // where exports before that kept it
    private static final String OLD_MANIFEST = ".draehi-files";
    private static final String NOT_FOUND = "404.html";
    private static final Pattern ASSET_LINK =
            Pattern.compile(
                    "(?:href|src)=\"(/[^\"/]+/"
                            + SiteUrls.SITE_FILES
                            + "/"
                            + SiteUrls.ASSETS
                            + "[^\"#?]+)\"");
    // what every match of ASSET_LINK holds: a page without it links no asset, and is not scanned
    private static final byte[] ASSETS_PATH =
            ("/" + SiteUrls.SITE_FILES + "/" + SiteUrls.ASSETS).getBytes(StandardCharsets.UTF_8);

    /** What an export wrote: how many files, and their bytes. */
    public record Result(int files, long bytes) {}

    private final Site site;
    private final Path out;
    private final Path fresh;
    private final Path old;
    private final PausePoint pause;

    /** An export of {@code site} into the directory {@code out}. */
    public StaticExport(Site site, Path out) {
        this(site, out, PausePoint.NONE);
    }

    /**
     * An export of {@code site} into the directory {@code out} that tells {@code pause} when the
     * new export is written and about to be swapped in ({@link PausePoint.Phase#EXPORT}, workspace
     * 0: an export is of the whole site).
     */
    public StaticExport(Site site, Path out, PausePoint pause) {
        this.site = site;
        this.out = out.toAbsolutePath().normalize();
        this.fresh = this.out.resolveSibling(this.out.getFileName() + ".draehi-new");
        this.old = this.out.resolveSibling(this.out.getFileName() + ".draehi-old");
        this.pause = java.util.Objects.requireNonNull(pause, "pause");
    }

    /** Writes the site; a failure to write is an {@link UncheckedIOException}. */
    public Result write() {
        try {
            recover();
            Set<String> previous = readManifest();
            Files.createDirectories(fresh);
            Set<String> written = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>(site.exportPaths());
            Set<String> seen = new LinkedHashSet<>(queue);
            long bytes = 0;
            // each file is written on the thread that made it: on a slow disk, creating files one
            // after another on one thread is what an export waits for
            try (Responses<Made> responses = new Responses<>(this::make)) {
                while (true) {
                    responses.ask(queue);
                    if (!responses.waiting()) {
                        break;
                    }
                    Made made = responses.next();
                    if (made == null) {
                        continue;
                    }
                    if (made.scan() != null) {
                        Matcher m = ASSET_LINK.matcher(made.scan());
                        while (m.find()) {
                            String asset =
                                    java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
                            if (seen.add(asset)) {
                                queue.add(asset);
                            }
                        }
                    }
                    written.add(made.rel());
                    bytes += made.bytes();
                }
            }
            // what a web server sends for a path that has nothing
            SiteResponse missing = site.notFoundPage();
            Files.write(fresh.resolve(NOT_FOUND), missing.body());
            written.add(NOT_FOUND);
            bytes += missing.length();
            carryOver(previous, written);
            // written last: an export with its manifest is whole
            Files.createDirectories(fresh.resolve(MANIFEST).getParent());
            // sorted: files are done in no fixed order, and the same site gives the same list
            Files.write(fresh.resolve(MANIFEST), new TreeSet<>(written), StandardCharsets.UTF_8);
            pause.reached(PausePoint.Phase.EXPORT, 0);
            swap();
            return new Result(written.size(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the site to " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file written: where (relative to the export), its bytes, and a page's text when it may link
     * assets (to be scanned for them), else null.
     */
    private record Made(String rel, long bytes, String scan) {}

    /** The file of {@code urlPath}, written into the new export; null when the site has none. */
    private Made make(String urlPath) {
        SiteResponse r = site.get(urlPath);
        if (!r.ok()) {
            return null;
        }
        String rel = fileFor(urlPath);
        Path target = fresh.resolve(rel).normalize();
        if (!target.startsWith(fresh)) {
            throw new IllegalStateException("refusing to write outside " + out + ": " + urlPath);
        }
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the site to " + out + ": " + e.getMessage(), e);
        }
        boolean mayLinkAssets =
                r.contentType().startsWith("text/html") && contains(r.body(), ASSETS_PATH);
        return new Made(rel, r.length(), mayLinkAssets ? r.bodyText() : null);
    }

    /** Moves the new export into place; the old one is deleted once the new one is there. */
    private void swap() throws IOException {
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(out, old);
        }
        Files.move(fresh, out);
        delete(old);
    }

    /**
     * Repairs what a run killed before its end left: between the two moves of a swap, the export
     * that was whole is put in place; an unfinished new export, or an old one no more in use, is
     * deleted.
     */
    private void recover() throws IOException {
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(old)) {
            Files.move(Files.isRegularFile(fresh.resolve(MANIFEST)) ? fresh : old, out);
        }
        delete(fresh);
        delete(old);
    }

    /** Files in the old export that no run wrote: the new export keeps them. */
    private void carryOver(Set<String> previous, Set<String> written) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        List<Path> files;
        try (var walk = Files.walk(out)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path f : files) {
            String rel = out.relativize(f).toString().replace('\\', '/');
            if (rel.equals(MANIFEST)
                    || rel.equals(OLD_MANIFEST)
                    || previous.contains(rel)
                    || written.contains(rel)) {
                continue;
            }
            Path target = fresh.resolve(rel);
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, f);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** True when {@code bytes} hold {@code part}; UTF-8 text as bytes, not decoded. */
    static boolean contains(byte[] bytes, byte[] part) {
        // Horspool: a page's bytes are searched for one short part, so most of them are skipped
        int m = part.length;
        if (m == 0) {
            return true;
        }
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, m);
        for (int k = 0; k < m - 1; k++) {
            shift[part[k] & 0xff] = m - 1 - k;
        }
        for (int i = 0; i <= bytes.length - m; i += shift[bytes[i + m - 1] & 0xff]) {
            int k = m - 1;
            while (k >= 0 && bytes[i + k] == part[k]) {
                k--;
            }
            if (k < 0) {
                return true;
            }
        }
        return false;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * {@code /} → {@code index.html}; {@code /a/b} → {@code a/b/index.html}; {@code /a/x.css} →
     * itself.
     */
    static String fileFor(String urlPath) {
        String p = urlPath.startsWith("/") ? urlPath.substring(1) : urlPath;
        if (p.isEmpty() || p.endsWith("/")) {
            return p + "index.html";
        }
        String last = p.substring(p.lastIndexOf('/') + 1);
        // A built-in file is a file even without an extension (katex/LICENSE).
        boolean isFile =
                last.contains(".")
                        || SiteUrls.isAsset(p)
                        || ("/" + p).contains("/" + SiteUrls.SITE_FILES + "/" + SiteUrls.STATIC);
        return isFile ? p : p + "/index.html";
    }

    private Set<String> readManifest() throws IOException {
        Set<String> listed = new LinkedHashSet<>();
        for (String name : List.of(MANIFEST, OLD_MANIFEST)) {
            Path m = out.resolve(name);
            if (Files.isRegularFile(m)) {
                listed.addAll(Files.readAllLines(m, StandardCharsets.UTF_8));
            }
        }
        return listed;
    }
}
