package dev.draehi.bench;

import dev.draehi.model.MediaTypes;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A static export served as a static host serves it ({@code /a/b} from {@code a/b/index.html} or
 * {@code a/b.html}), on Jetty at 127.0.0.1, for Chromium to query its search index.
 */
final class StaticFiles implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    StaticFiles(Path root) throws Exception {
        Path base = root.toAbsolutePath().normalize();
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(
                new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback)
                            throws Exception {
                        String p = request.getHttpURI().getDecodedPath();
                        Path f = base.resolve(p.substring(1)).normalize();
                        if (Files.isDirectory(f)) {
                            f = f.resolve("index.html");
                        } else if (!Files.exists(f) && Files.exists(Path.of(f + ".html"))) {
                            f = Path.of(f + ".html");
                        }
                        if (!f.startsWith(base) || !Files.isRegularFile(f)) {
                            Response.writeError(request, response, callback, 404);
                            return true;
                        }
                        String name = f.getFileName().toString();
                        response.getHeaders()
                                .put(
                                        HttpHeader.CONTENT_TYPE,
                                        name.endsWith(".html")
                                                ? "text/html; charset=utf-8"
                                                : MediaTypes.of(name));
                        response.write(true, ByteBuffer.wrap(Files.readAllBytes(f)), callback);
                        return true;
                    }
                });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
