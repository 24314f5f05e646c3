package dev.draehi.server.hosting;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as {@link Hosting} needs it, independent of any web framework: an adapter fills
 * it from its own request type, a test builds it directly.
 *
 * <pre>{@code
 * HostingRequest r = HostingRequest.builder("POST", "/-/login")
 *         .header("Host", "notes.example.com")
 *         .cookies(request.getHeader("Cookie"))
 *         .form(bodyAsString)
 *         .remoteAddress("203.0.113.7")
 *         .secure(true)
 *         .build();
 * }</pre>
 *
 * @param method the HTTP method, upper case
 * @param path the request path, without query string
 * @param query the raw query string, or {@code null}
 * @param headers the request headers, names in lower case (repeated headers joined with {@code ,})
 * @param cookies the request's cookies, by name
 * @param form the fields of an {@code application/x-www-form-urlencoded} body, by name (the first
 *     of repeated fields)
 * @param remoteAddress the client's address, the key of per-address rate limits
 * @param secure true when the request came over HTTPS (directly, or {@code X-Forwarded-Proto:
 *     https} from a proxy); cookies are then {@code Secure}
 */
public record HostingRequest(
        String method,
        String path,
        String query,
        Map<String, String> headers,
        Map<String, String> cookies,
        Map<String, String> form,
        String remoteAddress,
        boolean secure) {

    public HostingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        method = method.toUpperCase(Locale.ROOT);
        Map<String, String> h = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        }
        headers = Map.copyOf(h);
        cookies = cookies == null ? Map.of() : Map.copyOf(cookies);
        form = form == null ? Map.of() : Map.copyOf(form);
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    /** A builder of a request with this method and path. */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** The header's value, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The cookie's value, or {@code null}. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** The form field's value, or {@code ""} when it is missing. */
    public String field(String name) {
        return form.getOrDefault(name, "");
    }

    /** The query parameter's decoded value, or {@code null}. */
    public String queryParam(String name) {
        return query == null ? null : parseForm(query).get(name);
    }

    /** True for HEAD and GET. */
    public boolean isRead() {
        return method.equals("GET") || method.equals("HEAD");
    }

    @Override
    public String toString() {
        // Never the form, the cookies or the headers: they hold passwords, tokens and sessions.
        return "HostingRequest[" + method + " " + path + "]";
    }

    /** The cookies of a {@code Cookie} header ({@code a=1; b=2}); later duplicates are ignored. */
    public static Map<String, String> parseCookies(String cookieHeader) {
        Map<String, String> out = new LinkedHashMap<>();
        if (cookieHeader == null) {
            return out;
        }
        for (String part : cookieHeader.split("[;,]")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /**
     * The fields of a URL-encoded form body or query string; malformed escapes make a field empty.
     */
    public static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Builds a {@link HostingRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private String query;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private final Map<String, String> form = new LinkedHashMap<>();
        private String remoteAddress = "";
        private boolean secure;

        private Builder(String method, String path) {
            this.method = Objects.requireNonNull(method, "method");
            this.path = Objects.requireNonNull(path, "path");
        }

        /** The raw query string. Default: none. */
        public Builder query(String query) {
            this.query = query;
            return this;
        }

        /** Adds a header; a repeated name joins the values with {@code ,}. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
            return this;
        }

        /** Adds a cookie. */
        public Builder cookie(String name, String value) {
            cookies.put(
                    Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds the cookies of a {@code Cookie} header, if any. */
        public Builder cookies(String cookieHeader) {
            parseCookies(cookieHeader).forEach(cookies::putIfAbsent);
            return this;
        }

        /** Adds a form field. */
        public Builder field(String name, String value) {
            form.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds the fields of a URL-encoded body. */
        public Builder form(String urlEncodedBody) {
            parseForm(urlEncodedBody).forEach(form::putIfAbsent);
            return this;
        }

        /** The client's address. Default: empty. */
        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
            return this;
        }

        /** Whether the request came over HTTPS. Default: false. */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** The request. */
        public HostingRequest build() {
            return new HostingRequest(
                    method, path, query, headers, cookies, form, remoteAddress, secure);
        }
    }
}
