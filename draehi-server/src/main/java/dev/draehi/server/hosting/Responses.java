package dev.draehi.server.hosting;

import dev.draehi.server.hosting.HostingPages.Nav;
import dev.draehi.site.SiteResponse;
import dev.draehi.web.SiteUrls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hosting pages' answers: HTML that is never cached nor framed, redirects below the base URL's
 * prefix, the error pages, and the hosting cookies.
 */
final class Responses {
    private final String prefix;
    private final HostingPages pages;

    Responses(String prefix, HostingPages pages) {
        this.prefix = prefix;
        this.pages = pages;
    }

    HostingPages pages() {
        return pages;
    }

    /** A cookie of the hosting pages: {@code HttpOnly}, {@code SameSite=Lax}, under {@code /-/}. */
    String cookie(HostingRequest r, String name, String value, boolean expire) {
        StringBuilder c =
                new StringBuilder(name)
                        .append('=')
                        .append(value)
                        .append("; Path=")
                        .append(prefix)
                        .append(SiteUrls.ROOT_FILES)
                        .append("; HttpOnly; SameSite=Lax");
        if (r.secure()) {
            c.append("; Secure");
        }
        if (expire) {
            c.append("; Max-Age=0");
        }
        return c.toString();
    }

    SiteResponse html(int status, String html, String setCookie) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("X-Frame-Options", "DENY");
        if (setCookie != null) {
            h.put("Set-Cookie", setCookie);
        }
        return new SiteResponse(
                status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), h);
    }

    SiteResponse redirect(String location, String setCookie) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", prefix + location);
        h.put("Cache-Control", "no-store");
        if (setCookie != null) {
            h.put("Set-Cookie", setCookie);
        }
        return new SiteResponse(303, "text/plain; charset=utf-8", new byte[0], h);
    }

    SiteResponse notFound(Nav nav) {
        return html(
                404,
                pages.message(
                        nav,
                        "Not found",
                        "There is nothing here.",
                        "Back to the dashboard",
                        Hosting.DASHBOARD),
                null);
    }

    SiteResponse forbidden(Nav nav, String why) {
        return html(
                403,
                pages.message(
                        nav,
                        "Not allowed",
                        why,
                        nav == null ? "Log in" : "Back to the dashboard",
                        nav == null ? Hosting.LOGIN : Hosting.DASHBOARD),
                null);
    }

    SiteResponse expiredForm(Nav nav) {
        return forbidden(nav, "This form has expired. Reload the page and try again.");
    }

    SiteResponse failed() {
        return html(
                500,
                pages.message(
                        null,
                        "Something went wrong",
                        "The server could not answer this request. Try again in a moment.",
                        "Back to the dashboard",
                        Hosting.DASHBOARD),
                null);
    }

    static SiteResponse methodNotAllowed(String allow) {
        return new SiteResponse(
                405,
                "text/plain; charset=utf-8",
                "method not allowed\n".getBytes(StandardCharsets.UTF_8),
                Map.of("Allow", allow, "Cache-Control", "no-store"));
    }

    /** "Too many failed logins. Try again in 3 seconds." */
    static String tooMany(String what, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String when =
                seconds < 120
                        ? seconds + (seconds == 1 ? " second" : " seconds")
                        : (seconds + 59) / 60 + " minutes";
        return "Too many " + what + ". Try again in " + when + ".";
    }

    /** A validation message as a sentence: capitalized, with a full stop. */
    static String sentence(String s) {
        return s == null || s.isEmpty()
                ? ""
                : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}
