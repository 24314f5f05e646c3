package dev.draehi.server.internal;

import dev.draehi.ValidationException;
import dev.draehi.model.Redaction;
import dev.draehi.model.Workspace;
import dev.draehi.server.WebhookHandler;
import dev.draehi.server.hosting.Domains;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.site.Site;
import dev.draehi.site.SiteDomain;
import dev.draehi.site.SiteResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The handler of a draehi server: the hosting mode's pages, the push webhook at {@code POST
 * /api/webhooks/git}, and GET or HEAD of any other path through the {@link Site}, gzipped for
 * clients that accept it. A thin layer: every page is the Site's or Hosting's.
 */
public final class SiteHandler extends Handler.Abstract {
    /**
     * The largest request body taken, the webhook's limit; a request that declares a larger one is
     * refused with 413 before its body is read.
     */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /**
     * Where a TLS proxy asks whether to get a certificate for a domain ({@code ?domain=…}): 200 for
     * a verified custom domain, 404 for any other.
     */
    public static final String ASK_PATH = "/-/domains/ask";

    private static final String TEXT = "text/plain; charset=utf-8";

    private final Site site;
    private final WebhookHandler webhooks;
    private final Hosting hosting;
    private final LiveStreams live;
    private final Map<String, String> pageCsp; // null: the default
    private final Domains domains;
    private final boolean trustProxy;

    /**
     * @param webhooks the push webhook's handler, or {@code null} to serve none
     * @param hosting the hosting mode, or {@code null} outside it
     * @param live live preview's event streams, or {@code null} outside it
     * @param frameAncestors the CSP {@code frame-ancestors} sources of the site's pages: who may
     *     embed them
     */
    public SiteHandler(
            Site site,
            WebhookHandler webhooks,
            Hosting hosting,
            LiveStreams live,
            String frameAncestors) {
        this(site, webhooks, hosting, live, frameAncestors, null, false);
    }

    /**
     * @param domains the custom domains, or {@code null} to serve none: a request for a verified
     *     domain gets its workspace's site at the root, and the workspace's pages on the main host
     *     redirect there
     * @param trustProxy whether {@code X-Forwarded-Host} names the host the client asked for (a
     *     trusted proxy sets it); otherwise only {@code Host} does
     */
    public SiteHandler(
            Site site,
            WebhookHandler webhooks,
            Hosting hosting,
            LiveStreams live,
            String frameAncestors,
            Domains domains,
            boolean trustProxy) {
        super(InvocationType.BLOCKING);
        this.domains = domains;
        this.trustProxy = trustProxy;
        this.site = Objects.requireNonNull(site, "site");
        this.webhooks = webhooks;
        this.hosting = hosting;
        this.live = live;
        this.pageCsp =
                frameAncestors.equals(ResponseWriter.DEFAULT_FRAME_ANCESTORS)
                        ? null
                        : Map.of("Content-Security-Policy", ResponseWriter.pageCsp(frameAncestors));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
            throws IOException {
        String method = request.getMethod();
        HttpURI uri = request.getHttpURI();
        String path = uri.getPath();
        if (request.getLength() > MAX_BODY_BYTES) {
            SiteResponse tooLarge =
                    SiteResponse.text(
                            413, TEXT, "request body larger than " + MAX_BODY_BYTES + " bytes\n");
            if (Bodies.drained(request)) {
                ResponseWriter.send(request, response, callback, tooLarge);
            } else {
                ResponseWriter.sendAndClose(request, response, callback, tooLarge);
            }
            return true;
        }
        if (domains != null && domainRequest(request, response, callback, path)) {
            return true;
        }
        if (hosting != null && Hosting.handles(path)) {
            ResponseWriter.send(
                    request, response, callback, hosting.handle(HostingRequests.of(request)));
            return true;
        }
        if (webhooks != null && path.equals(Hosting.WEBHOOK_PATH)) {
            webhook(request, response, callback);
            return true;
        }
        boolean get = HttpMethod.GET.is(method);
        if (!get && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            ResponseWriter.send(
                    request,
                    response,
                    callback,
                    SiteResponse.text(405, TEXT, "method not allowed\n"));
            return true;
        }
        if (live != null && path.equals(LiveStreams.EVENTS_PATH)) {
            live.listen(response, callback);
            return true;
        }
        if (live != null && path.equals(LiveStreams.SCRIPT_PATH)) {
            ResponseWriter.send(
                    request,
                    response,
                    callback,
                    SiteResponse.text(200, "text/javascript; charset=utf-8", LiveStreams.SCRIPT));
            return true;
        }
        String query = uri.getQuery();
        String target = query == null ? path : path + "?" + query;
        SiteResponse r;
        try {
            if (live != null) {
                r = live.addScript(site.get(target));
            } else {
                r =
                        Negotiation.acceptsGzip(
                                        request.getHeaders().get(HttpHeader.ACCEPT_ENCODING))
                                ? site.getCompressed(target)
                                : site.get(target);
            }
        } catch (RuntimeException e) {
            System.err.println("draehi: error serving " + path + ": " + Redaction.describe(e));
            r = SiteResponse.text(503, TEXT, "The site is unavailable right now.\n");
        }
        if (pageCsp != null
                && r.contentType().startsWith("text/html")
                && !r.headers().containsKey("Content-Security-Policy")) {
            r = r.withHeaders(pageCsp);
        }
        ResponseWriter.send(request, response, callback, r);
        return true;
    }

    /**
     * Answers the request when it is a custom domain's, the ask endpoint, or a page of a workspace
     * whose domain is verified (a 301 to the domain); false for every other request.
     */
    private boolean domainRequest(
            Request request, Response response, Callback callback, String path) {
        String host = Domains.hostOf(requestHost(request));
        Optional<Workspace> ws =
                host.equals(domains.ownHost()) ? Optional.empty() : domains.served(host);
        boolean read =
                HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        String query = request.getHttpURI().getQuery();
        if (ws.isPresent()) {
            // The domain shows the site and nothing else: no dashboard, login or webhook.
            SiteResponse r;
            if (!read) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                r = SiteResponse.text(405, TEXT, "method not allowed\n");
            } else {
                SiteDomain at =
                        new SiteDomain(
                                ws.get().slug(), (secure(request) ? "https://" : "http://") + host);
                String target = query == null ? path : path + "?" + query;
                try {
                    r =
                            Negotiation.acceptsGzip(
                                            request.getHeaders().get(HttpHeader.ACCEPT_ENCODING))
                                    ? site.getCompressed(target, at)
                                    : site.get(target, at);
                } catch (RuntimeException e) {
                    System.err.println(
                            "draehi: error serving " + path + ": " + Redaction.describe(e));
                    r = SiteResponse.text(503, TEXT, "The site is unavailable right now.\n");
                }
                if (pageCsp != null
                        && r.contentType().startsWith("text/html")
                        && !r.headers().containsKey("Content-Security-Policy")) {
                    r = r.withHeaders(pageCsp);
                }
            }
            ResponseWriter.send(request, response, callback, r);
            return true;
        }
        if (path.equals(ASK_PATH)) {
            ResponseWriter.send(request, response, callback, ask(request));
            return true;
        }
        if (!read || path.length() < 2) {
            return false;
        }
        int end = path.indexOf('/', 1);
        String slug = path.substring(1, end < 0 ? path.length() : end);
        Optional<String> domain = domains.domainOfSlug(slug);
        if (domain.isEmpty()) {
            return false;
        }
        String rest = end < 0 ? "/" : path.substring(end);
        String location =
                (secure(request) ? "https://" : "http://")
                        + domain.get()
                        + rest
                        + (query == null ? "" : "?" + query);
        ResponseWriter.send(
                request,
                response,
                callback,
                new SiteResponse(
                        301,
                        TEXT,
                        new byte[0],
                        Map.of("Location", location, "Cache-Control", "public, max-age=300")));
        return true;
    }

    private SiteResponse ask(Request request) {
        String q = request.getHttpURI().getQuery();
        String domain = null;
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith("domain=")) {
                    domain =
                            java.net.URLDecoder.decode(
                                    pair.substring(7), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        boolean served;
        try {
            served = domain != null && domains.served(Domains.normalize(domain)).isPresent();
        } catch (ValidationException e) {
            served = false;
        }
        SiteResponse r =
                served
                        ? SiteResponse.text(200, TEXT, "ok\n")
                        : SiteResponse.text(404, TEXT, "not a domain of this server\n");
        return r.withHeaders(Map.of("Cache-Control", "no-store"));
    }

    /**
     * The host the client asked for: {@code X-Forwarded-Host} when the server trusts its proxy,
     * else {@code Host} (or the HTTP/2 {@code :authority}).
     */
    private String requestHost(Request request) {
        HttpFields headers = request.getHeaders();
        String forwarded = trustProxy ? headers.get("X-Forwarded-Host") : null;
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded;
        }
        String host = headers.get(HttpHeader.HOST);
        return host != null ? host : request.getHttpURI().getAuthority();
    }

    private static boolean secure(Request request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return proto != null
                && fromLoopback(request)
                && proto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    private static boolean fromLoopback(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        InetAddress a = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        return a != null && a.isLoopbackAddress();
    }

    private void webhook(Request request, Response response, Callback callback) throws IOException {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            ResponseWriter.send(
                    request, response, callback, SiteResponse.text(405, TEXT, "POST only\n"));
            return;
        }
        Bodies.Body body = Bodies.read(request, MAX_BODY_BYTES);
        WebhookHandler.Result r = webhooks.handle(headers(request), body.bytes());
        SiteResponse answer = SiteResponse.text(r.status(), TEXT, r.message() + "\n");
        if (!body.ended()) {
            ResponseWriter.sendAndClose(request, response, callback, answer);
        } else {
            ResponseWriter.send(request, response, callback, answer);
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            out.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
        }
        return out;
    }
}
