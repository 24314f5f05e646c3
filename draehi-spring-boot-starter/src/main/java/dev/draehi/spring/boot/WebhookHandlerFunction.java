package dev.draehi.spring.boot;

import dev.draehi.server.WebhookHandler;
import dev.draehi.spring.boot.internal.Settings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The push webhook endpoint: hands a POST's raw headers and body to a {@link WebhookHandler}, which
 * verifies it and starts the syncs it asks for, and answers with the handler's status and one-line
 * message. Other methods on its path get {@code 405}.
 *
 * <pre>{@code
 * @Bean
 * RouterFunction<ServerResponse> hooks(WebhookHandler webhooks) {
 *     return new WebhookHandlerFunction(webhooks, "/hooks/git", 1 << 20).routes();
 * }
 * }</pre>
 */
public final class WebhookHandlerFunction implements HandlerFunction<ServerResponse> {
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final WebhookHandler webhooks;
    private final String path;
    private final int maxBodyBytes;

    /**
     * An endpoint at {@code path} (within the servlet context) that reads at most {@code
     * maxBodyBytes} of a request body; a longer one is handed on as too large.
     */
    public WebhookHandlerFunction(WebhookHandler webhooks, String path, int maxBodyBytes) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.path = Settings.mountPath(Objects.requireNonNull(path, "path"), "path");
        if (this.path.isEmpty()) {
            throw new IllegalArgumentException("the webhook path must not be '/'");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The endpoint's path. */
    public String path() {
        return path;
    }

    /** POST of the path routed to this handler, and {@code 405} for any other method on it. */
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(path, this)
                .route(
                        RequestPredicates.path(path),
                        request ->
                                ServerResponse.status(405)
                                        .header(HttpHeaders.ALLOW, HttpMethod.POST.name())
                                        .contentType(TEXT)
                                        .body("POST only\n"))
                .build();
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws Exception {
        long declared = request.headers().contentLength().orElse(-1);
        byte[] body = null;
        if (declared <= maxBodyBytes) {
            try (InputStream in = request.servletRequest().getInputStream()) {
                byte[] read = in.readNBytes(maxBodyBytes + 1);
                body = read.length > maxBodyBytes ? null : read;
            }
        }
        WebhookHandler.Result r = webhooks.handle(request.headers().asHttpHeaders(), body);
        return ServerResponse.status(r.status()).contentType(TEXT).body(r.message() + "\n");
    }
}
