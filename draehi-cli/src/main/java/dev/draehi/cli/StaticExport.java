package dev.draehi.cli;

import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.web.SiteUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes every path of a {@link Site} under a directory: {@code /a/b} as {@code a/b/index.html},
 * files (names with a dot) as themselves, and the assets the pages link to. Re-running updates the
 * directory in place and removes what an earlier run wrote that is gone now (listed in {@code
 * .draehi-files}); nothing else in the directory is touched.
 *
 * <pre>{@code
 * StaticExport.Result r = new StaticExport(Site.builder(storage).build(), Path.of("site")).write();
 * }</pre>
 */
public final class StaticExport {
    private static final String MANIFEST = ".draehi-files";
    private static final Pattern ASSET_LINK =
            Pattern.compile(
                    "(?:href|src)=\"(/[^\"/]+/"
                            + SiteUrls.SITE_FILES
                            + "/"
                            + SiteUrls.ASSETS
                            + "[^\"#?]+)\"");

    /** What an export wrote: how many files, and their bytes. */
    public record Result(int files, long bytes) {}

    private final Site site;
    private final Path out;

    /** An export of {@code site} into the directory {@code out}. */
    public StaticExport(Site site, Path out) {
        this.site = site;
        this.out = out.toAbsolutePath().normalize();
    }

    /** Writes the site; a failure to write is an {@link UncheckedIOException}. */
    public Result write() {
        try {
            Files.createDirectories(out);
            Set<String> previous = readManifest();
            Set<String> written = new LinkedHashSet<>();
            Deque<String> queue = new ArrayDeque<>(site.exportPaths());
            Set<String> seen = new LinkedHashSet<>(queue);
            long bytes = 0;
            while (!queue.isEmpty()) {
                String urlPath = queue.poll();
                SiteResponse r = site.get(urlPath);
                if (!r.ok()) {
                    continue;
                }
                if (r.contentType().startsWith("text/html")) {
                    Matcher m = ASSET_LINK.matcher(r.bodyText());
                    while (m.find()) {
                        String asset =
                                java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
                        if (seen.add(asset)) {
                            queue.add(asset);
                        }
                    }
                }
                String rel = fileFor(urlPath);
                Path target = out.resolve(rel).normalize();
                if (!target.startsWith(out)) {
                    throw new IllegalStateException(
                            "refusing to write outside " + out + ": " + urlPath);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, r.body());
                written.add(rel);
                bytes += r.length();
            }
            for (String stale : previous) {
                if (!written.contains(stale)) {
                    Path p = out.resolve(stale).normalize();
                    if (p.startsWith(out)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            List<String> manifest = new ArrayList<>(written);
            Files.write(out.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
            return new Result(written.size(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the site to " + out + ": " + e.getMessage(), e);
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
        boolean isFile = last.contains(".") || SiteUrls.isAsset(p);
        return isFile ? p : p + "/index.html";
    }

    private Set<String> readManifest() throws IOException {
        Path m = out.resolve(MANIFEST);
        return Files.isRegularFile(m)
                ? new LinkedHashSet<>(Files.readAllLines(m, StandardCharsets.UTF_8))
                : Set.of();
    }
}
