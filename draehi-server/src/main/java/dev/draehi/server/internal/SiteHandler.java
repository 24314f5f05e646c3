package dev.draehi.server.internal;

import dev.draehi.model.Redaction;
import dev.draehi.server.WebhookHandler;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpField;
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

    private static final String TEXT = "text/plain; charset=utf-8";

    private final Site site;
    private final WebhookHandler webhooks;
    private final Hosting hosting;
    private final LiveStreams live;
    private final Map<String, String> pageCsp; // null: the default

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
        super(InvocationType.BLOCKING);
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
