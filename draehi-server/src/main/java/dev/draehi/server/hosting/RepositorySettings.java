package dev.draehi.server.hosting;

import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.GitRepository;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.net.RefusedHostException;
import dev.draehi.server.Accounts;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's repository form: the URL, branch and access token of the workspace's graph, with
 * the save-time check of where the URL points. A changed host drops the stored token unless a new
 * one is given.
 */
final class RepositorySettings {
    private static final Pattern SCHEME =
            Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    private static final Pattern SCP_LIKE = Pattern.compile("^[^/@:\\s]+@[^/:\\s]+:(?!/).*");
    // scheme, host (a name or a bracketed IPv6 literal), port, path: nothing else, so that every
    // URL parser (java.net.URL, java.net.URI, JGit's URIish) reads the same host from it
    private static final Pattern STRICT_HTTP =
            Pattern.compile(
                    "(?i)(https?)://([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\])"
                            + "(?::([0-9]{1,5}))?(/[A-Za-z0-9._~!$&'()*+,;=:/%-]*)?");
    private static final String TOKEN_IN_URL =
            "Put the access token in the token field, not in the URL.";

    private final Storage storage;
    private final Accounts accounts;
    private final boolean allowLocalRepositories;
    private final NetworkPolicy networkPolicy;
    private final HostResolver hostResolver;
    private final Dashboard dashboard;
    private final Responses responses;

    RepositorySettings(
            Storage storage,
            Accounts accounts,
            boolean allowLocalRepositories,
            NetworkPolicy networkPolicy,
            HostResolver hostResolver,
            Dashboard dashboard,
            Responses responses) {
        this.storage = storage;
        this.accounts = accounts;
        this.allowLocalRepositories = allowLocalRepositories;
        this.networkPolicy = networkPolicy;
        this.hostResolver = hostResolver;
        this.dashboard = dashboard;
        this.responses = responses;
    }

    SiteResponse connect(SignedIn s, HostingRequest r) {
        String url = r.field("url").strip();
        String branch = r.field("branch").strip();
        String token = r.field("token").strip();
        boolean clear = r.field("clear_token").equals("1");
        // Never the token: what the owner typed comes back into the form, the token does not.
        Map<String, String> typed = Map.of("url", url, "branch", branch);
        String problem = problem(url);
        if (problem != null) {
            return dashboard.refuse(s, "repository", problem, typed, 400);
        }
        Optional<GitRepository> old = storage.repositories().findByWorkspace(s.workspaceId());
        boolean dropsToken =
                !clear
                        && token.isEmpty()
                        && old.isPresent()
                        && old.get().deployKey() != null
                        && !GitRepository.sameHost(old.get().repoUrl(), url);
        try {
            accounts.connectRepository(
                    s.workspaceId(),
                    url,
                    branch.isEmpty() ? null : branch,
                    clear ? "" : token.isEmpty() ? null : token);
        } catch (ValidationException e) {
            return dashboard.refuse(
                    s, "repository", Responses.sentence(e.getMessage()), typed, 400);
        } catch (NotFoundException e) {
            return responses.notFound(s.nav());
        }
        return responses.redirect(
                Hosting.DASHBOARD + "?m=" + (dropsToken ? "token-dropped" : "repository-saved"),
                null);
    }

    /**
     * Why the hosting mode refuses a repository URL, or null: a hosted user must not make the
     * server read its own disk or reach its own networks, and a token belongs in the token field,
     * where it is kept secret. The sync checks the address it connects to again (the name may
     * resolve elsewhere by then); this check refuses early, and refuses any URL whose host two
     * parsers could read differently.
     */
    String problem(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean local =
                lower.startsWith("file:")
                        || (!SCHEME.matcher(url).matches() && !SCP_LIKE.matcher(url).matches());
        if (local && !url.isEmpty() && !allowLocalRepositories) {
            return "This server publishes only remote repositories: use an https:// URL.";
        }
        boolean http = lower.startsWith("http://") || lower.startsWith("https://");
        if (!networkPolicy.restricted()) {
            return http && hasUserInfo(url) ? TOKEN_IN_URL : null;
        }
        if (!http) {
            return "This server fetches only over https: use an https:// URL.";
        }
        Matcher m = STRICT_HTTP.matcher(url);
        if (!m.matches()) {
            int at = url.indexOf('@');
            int slash = url.indexOf('/', url.indexOf("//") + 2);
            if (at >= 0 && (slash < 0 || at < slash)) {
                return TOKEN_IN_URL;
            }
            return "Use a plain repository URL: a host name, an optional port and a path,"
                    + " without @, ?, #, backslashes or percent signs in the host.";
        }
        String host = m.group(2);
        int port =
                m.group(3) != null
                        ? Integer.parseInt(m.group(3))
                        : lower.startsWith("https:") ? 443 : 80;
        if (port < 1 || port > 65535) {
            return "The port must be between 1 and 65535.";
        }
        try {
            networkPolicy.check(host, port, hostResolver);
        } catch (RefusedHostException e) {
            return "This server does not fetch from its own network: use a public host.";
        } catch (UnknownHostException e) {
            return null; // the sync reports a name that does not resolve, and checks it then
        }
        return null;
    }

    private static boolean hasUserInfo(String url) {
        try {
            return new URI(url).getRawUserInfo() != null;
        } catch (URISyntaxException e) {
            return false; // Accounts says what is wrong with it.
        }
    }
}
