package dev.draehi.site.internal;

import dev.draehi.model.MediaTypes;
import dev.draehi.model.Workspace;
import dev.draehi.site.AssetSource;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The files of a site: its built-in style sheet and script, and the assets of a workspace. */
public final class SiteFiles {
    private final Storage storage;
    private final AssetSource assets;
    private final NotFoundPage notFound;

    /**
     * @param assets where asset files are found, or {@code null} for the assets the storage holds
     */
    public SiteFiles(Storage storage, AssetSource assets, NotFoundPage notFound) {
        this.storage = storage;
        this.assets = assets;
        this.notFound = notFound;
    }

    /** A built-in file by name ({@code draehi.css}, {@code search.js}). */
    public SiteResponse staticFile(String name) {
        if (!name.equals("draehi.css") && !name.equals("search.js")) {
            return notFound.render(null);
        }
        try (InputStream in = Site.class.getResourceAsStream(name)) {
            if (in == null) {
                return notFound.render(null);
            }
            return new SiteResponse(
                    200,
                    contentType(name),
                    in.readAllBytes(),
                    Map.of("Cache-Control", "public, max-age=3600"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in " + name, e);
        }
    }

    private static final java.util.regex.Pattern RUNNABLE =
            java.util.regex.Pattern.compile(
                    "(?i)\\.(html?|xhtml|shtml|svgz?|m?js|xml|xsl|xslt|xht)$");

    /** An asset of {@code ws} by its path in the graph. */
    public SiteResponse asset(Workspace ws, String assetPath) {
        if (assetPath.contains("..") || assetPath.contains("\\")) {
            return notFound.render(ws);
        }
        // A file a browser could run (a page, an image with scripts, a script) is sandboxed and
        // downloaded, never shown on the site's origin: a graph's owner cannot run script there.
        boolean runnable = RUNNABLE.matcher(assetPath).find();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "sandbox");
        headers.put("Cache-Control", "public, max-age=3600");
        if (runnable) {
            headers.put("Content-Disposition", "attachment");
        }
        if (assets == null) {
            return storage.assets()
                    .find(ws.id(), assetPath)
                    .map(a -> new SiteResponse(200, a.contentType(), a.content(), headers))
                    .orElseGet(() -> notFound.render(ws));
        }
        Optional<Path> file;
        try {
            file = assets.find(ws, assetPath);
        } catch (java.nio.file.InvalidPathException e) {
            // A request path no file can have (a lone surrogate, bytes the file system rejects).
            return notFound.render(ws);
        }
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return notFound.render(ws);
        }
        // Read when sent: a server sends a range of a video without reading the rest of it.
        headers.remove("Cache-Control");
        return SiteResponse.file(200, contentType(assetPath), file.get(), headers);
    }

    private static String contentType(String name) {
        return MediaTypes.of(name);
    }
}
