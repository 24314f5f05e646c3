package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.site.SiteResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A browser without HTTP: sends {@link HostingRequest}s straight to a {@link Hosting}, keeps the
 * cookies it sets, and fills forms with the CSRF token of the page they are on.
 */
final class FakeBrowser {
    final Hosting hosting;
    final String address;
    final Map<String, String> cookies = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    boolean secure;

    FakeBrowser(Hosting hosting, String address) {
        this.hosting = hosting;
        this.address = address;
        headers.put("Host", "notes.example");
    }

    SiteResponse get(String pathAndQuery) {
        return send(request("GET", pathAndQuery));
    }

    /** POSTs exactly these fields (name, value, name, value, …): no CSRF token is added. */
    SiteResponse post(String path, String... fields) {
        HostingRequest.Builder b = request("POST", path);
        for (int i = 0; i < fields.length; i += 2) {
            b.field(fields[i], fields[i + 1]);
        }
        return send(b);
    }

    /**
     * GETs {@code page}, then POSTs its form whose action is {@code action}, with its CSRF token.
     */
    SiteResponse submit(String page, String action, String... fields) {
        String csrf = csrf(page, action);
        String[] all = new String[fields.length + 2];
        all[0] = Hosting.CSRF_FIELD;
        all[1] = csrf;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return post(action, all);
    }

    /** The CSRF token of the form on {@code page} whose action is {@code action}. */
    String csrf(String page, String action) {
        SiteResponse r = get(page);
        assertThat(r.status()).as("GET " + page).isEqualTo(200);
        Element form = Jsoup.parse(r.bodyText()).selectFirst("form[action=" + action + "]");
        assertThat(form).as("form " + action + " on " + page).isNotNull();
        return form.selectFirst("input[name=csrf]").attr("value");
    }

    HostingRequest.Builder request(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        HostingRequest.Builder b =
                HostingRequest.builder(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q))
                        .query(q < 0 ? null : pathAndQuery.substring(q + 1))
                        .remoteAddress(address)
                        .secure(secure);
        headers.forEach(b::header);
        cookies.forEach(b::cookie);
        return b;
    }

    SiteResponse send(HostingRequest.Builder b) {
        SiteResponse r = hosting.handle(b.build());
        String set = r.headers().get("Set-Cookie");
        if (set != null) {
            String pair = set.split(";")[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (set.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return r;
    }
}
