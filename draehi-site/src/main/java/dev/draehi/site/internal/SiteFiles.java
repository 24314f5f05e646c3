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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a site: its built-in style sheets and scripts (with KaTeX and highlight.js, vendored
 * under {@code katex/} and {@code highlight/} beside their licences), and the assets of a
 * workspace.
 */
public final class SiteFiles {
    /** KaTeX's style sheet, which loads its fonts from {@code katex/fonts/}. */
    public static final String KATEX_CSS = "katex/katex.min.css";

    /** KaTeX. */
    public static final String KATEX_JS = "katex/katex.min.js";

    /** KaTeX's mhchem extension, for {@code \ce{…}}. */
    public static final String MHCHEM_JS = "katex/contrib/mhchem.min.js";

    /** Typesets a page's math elements. */
    public static final String MATH_JS = "math.js";

    /** highlight.js with the languages of {@code code.js}. */
    public static final String HIGHLIGHT_JS = "highlight/highlight.min.js";

    /** Highlights code blocks and adds their language label and copy button. */
    public static final String CODE_JS = "code.js";

    /** The styles of code blocks and their tokens. */
    public static final String CODE_CSS = "code.css";

    /** Shows a card of a reference's target when a reader hovers or focuses it. */
    public static final String PREVIEW_JS = "preview.js";

    /** Makes the sidebar collapsible, and a drawer on a narrow screen. */
    public static final String SIDEBAR_JS = "sidebar.js";

    /** force-graph, which draws the graph views. */
    public static final String FORCE_GRAPH_JS = "force-graph/force-graph.min.js";

    /** Draws a page's local graph and the whole graph with force-graph. */
    public static final String GRAPH_JS = "graph.js";

    /** Fills a page's unlinked references from their fragment when a reader opens them. */
    public static final String UNLINKED_JS = "unlinked.js";

    /** Hides cloze answers until clicked. */
    public static final String CLOZE_JS = "cloze.js";

    /** Pans and zooms whiteboards. */
    public static final String WHITEBOARD_JS = "whiteboard.js";

    /** The styles of whiteboards. */
    public static final String WHITEBOARD_CSS = "whiteboard.css";

    /** Every built-in file, by name: the list {@code files.txt} beside them. */
    public static final List<String> BUILT_IN = builtIn();

    private static final Set<String> BUILT_IN_SET = Set.copyOf(BUILT_IN);

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

    private static List<String> builtIn() {
        try (InputStream in = Site.class.getResourceAsStream("files.txt")) {
            if (in == null) {
                throw new IllegalStateException("files.txt is missing beside " + Site.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list of built-in files", e);
        }
    }

    /** A built-in file by name ({@code draehi.css}, {@code katex/katex.min.js}, ...). */
    public SiteResponse staticFile(String name) {
        if (!BUILT_IN_SET.contains(name)) {
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
        if (name.endsWith("/LICENSE")) {
            return "text/plain; charset=utf-8";
        }
        return MediaTypes.of(name);
    }
}
