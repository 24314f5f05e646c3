package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.draehi.model.MediaTypes;
import dev.draehi.model.Workspace;
import dev.draehi.server.DraehiServer;
import dev.draehi.site.Site;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the browser suites read: a graph synced into memory and served by a running {@link
 * DraehiServer}, and the same site's static export behind a plain file server.
 *
 * @param site the site the server answers from
 * @param server the running server (close it)
 */
record ServedGraph(Site site, DraehiServer server) {

    /**
     * Syncs {@code graph} as workspace {@code slug} (checkouts under {@code work}) and serves it.
     */
    static ServedGraph start(Path graph, String slug, Path work) {
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws = LocalWorkspace.ensure(storage, slug, graph.toString());
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()));
        assertThat(graphs.sync(ws).succeeded()).isTrue();
        Site site = Site.builder(storage).build();
        DraehiServer server =
                DraehiServer.builder(site)
                        .storage(storage)
                        .publisher(graphs.publisher())
                        .webhookSecret("unused-secret")
                        .port(0)
                        .build()
                        .start();
        return new ServedGraph(site, server);
    }

    /** Writes the static export to {@code out} and serves it as any web server serves files. */
    HttpServer export(Path out) throws Exception {
        return export(out, false);
    }

    /**
     * Writes the static export to {@code out} and serves it, compressing text for a client that
     * accepts gzip when {@code gzip} is true, as static hosts (GitHub Pages, Netlify, nginx with
     * {@code gzip on}) do.
     */
    HttpServer export(Path out, boolean gzip) throws Exception {
        new StaticExport(site, out).write();
        return serveDirectory(out, gzip);
    }

    /**
     * A static file server over {@code root}: a folder answers its {@code index.html}, a missing
     * {@code x} answers {@code x.html}, anything outside {@code root} is 404.
     */
    static HttpServer serveDirectory(Path root) throws Exception {
        return serveDirectory(root, false);
    }

    /** {@link #serveDirectory(Path)}, with text gzip-compressed for a client that accepts it. */
    static HttpServer serveDirectory(Path root, boolean gzip) throws Exception {
        // Without it, each response waits for the client's delayed ACK (about 40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        s.createContext(
                "/",
                ex -> {
                    String p =
                            java.net.URLDecoder.decode(
                                    ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
                    Path f = root.resolve(p.substring(1)).normalize();
                    if (Files.isDirectory(f)) {
                        f = f.resolve("index.html");
                    } else if (!Files.exists(f) && Files.exists(Path.of(f + ".html"))) {
                        f = Path.of(f + ".html");
                    }
                    if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                        ex.sendResponseHeaders(404, -1);
                        ex.close();
                        return;
                    }
                    byte[] body = Files.readAllBytes(f);
                    String type =
                            f.toString().endsWith(".html")
                                    ? "text/html; charset=utf-8"
                                    : MediaTypes.of(f.toString());
                    ex.getResponseHeaders().set("Content-Type", type);
                    String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
                    if (gzip
                            && accept != null
                            && accept.contains("gzip")
                            && (type.startsWith("text/")
                                    || type.contains("javascript")
                                    || type.contains("json"))) {
                        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
                        try (java.util.zip.GZIPOutputStream z =
                                new java.util.zip.GZIPOutputStream(packed)) {
                            z.write(body);
                        }
                        body = packed.toByteArray();
                        ex.getResponseHeaders().set("Content-Encoding", "gzip");
                    }
                    ex.sendResponseHeaders(200, body.length);
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(body);
                    }
                });
        s.start();
        return s;
    }
}
