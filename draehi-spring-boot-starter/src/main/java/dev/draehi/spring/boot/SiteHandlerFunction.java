package dev.draehi.spring.boot;

import dev.draehi.model.Redaction;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.spring.boot.internal.Settings;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves a {@link Site} through Spring MVC's functional endpoints: GET and HEAD of every path under
 * a mount path, answered with the {@link SiteResponse}'s status, headers and body; compressed for
 * clients that accept gzip ({@link Site#getCompressed}), and {@code 304 Not Modified} for an {@code
 * If-None-Match} that names the response's {@code ETag}. The site must be built with the servlet
 * context path plus the mount path as its base URL's path, so that its links lead back here.
 *
 * <pre>{@code
 * @Bean
 * RouterFunction<ServerResponse> notes(Storage storage) {
 *     Site site = Site.builder(storage).baseUrl("/notes").build();
 *     return new SiteHandlerFunction(site, "/notes").routes();
 * }
 * }</pre>
 */
public final class SiteHandlerFunction implements HandlerFunction<ServerResponse> {
    private static final Logger log = LoggerFactory.getLogger(SiteHandlerFunction.class);

    private final Site site;
    private final String mountPath;

    /**
     * A handler for {@code site} mounted at {@code mountPath} ({@code /} or a path such as {@code
     * /notes}, within the servlet context).
     */
    public SiteHandlerFunction(Site site, String mountPath) {
        this.site = Objects.requireNonNull(site, "site");
        this.mountPath =
                Settings.mountPath(Objects.requireNonNull(mountPath, "mountPath"), "mountPath");
    }

    /** The path the site is mounted at: {@code /} or a path without a trailing slash. */
    public String mountPath() {
        return mountPath.isEmpty() ? "/" : mountPath;
    }

    /** GET and HEAD of the mount path and everything under it, routed to this handler. */
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route(
                RequestPredicates.path(mountPath + "/**")
                        .and(RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD)),
                this);
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws Exception {
        String path = request.requestPath().pathWithinApplication().value();
        if (!path.equals(mountPath) && !path.startsWith(mountPath + "/")) {
            return ServerResponse.notFound().build();
        }
        String sitePath =
                path.length() == mountPath.length() ? "/" : path.substring(mountPath.length());
        String query = request.servletRequest().getQueryString();
        String target = query == null ? sitePath : sitePath + "?" + query;
        SiteResponse r;
        try {
            r =
                    acceptsGzip(request.headers().firstHeader(HttpHeaders.ACCEPT_ENCODING))
                            ? site.getCompressed(target)
                            : site.get(target);
        } catch (RuntimeException e) {
            log.warn("cannot serve {}: {}", path, Redaction.describe(e));
            r =
                    SiteResponse.text(
                            503,
                            "text/plain; charset=utf-8",
                            "The site is unavailable right now.\n");
        }
        String etag = r.headers().get(HttpHeaders.ETAG);
        if (etag != null && r.status() == 200) {
            Optional<ServerResponse> notModified = request.checkNotModified(etag);
            if (notModified.isPresent()) {
                return notModified.get();
            }
        }
        SiteResponse response = r;
        boolean headOnly = HttpMethod.HEAD.equals(request.method());
        return ServerResponse.status(response.status())
                .headers(
                        h -> {
                            response.headers().forEach(h::set);
                            h.set(HttpHeaders.CONTENT_TYPE, response.contentType());
                            if (response.compressible()) {
                                // the plain form of a body the site would also send compressed
                                h.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
                            }
                        })
                .build(
                        (req, res) -> {
                            byte[] body = response.body();
                            res.setContentLength(body.length);
                            if (!headOnly && body.length > 0) {
                                OutputStream out = res.getOutputStream();
                                out.write(body);
                                out.flush();
                            }
                            return null;
                        });
    }

    /** Whether an {@code Accept-Encoding} header accepts gzip (and does not refuse it). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.strip().split(";");
            String coding = p[0].strip().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                for (int i = 1; i < p.length; i++) {
                    if (p[i].strip().replace(" ", "").matches("q=0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
