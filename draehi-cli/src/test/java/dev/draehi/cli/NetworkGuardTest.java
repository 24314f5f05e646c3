package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.server.DraehiServer;
import dev.draehi.server.SyncWorker;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.site.Site;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosting mode's internal-network guard, attacked over HTTP as issue 19 did: a local service on
 * 127.0.0.1 stands in for an internal one, and a resolver hook for DNS. The guard decides on the
 * address each connection goes to, at every sync, redirects included.
 */
class NetworkGuardTest {
    static final String PASSWORD = "correct horse battery";
    static final String PUBLIC = "93.184.215.14";
    @TempDir static Path work;
    static InMemoryStorage storage;
    static DraehiServer server;
    static SyncWorker syncs;
    static HttpServer internal;
    static HttpServer redirector;
    static HttpServer gitHost;
    static HttpServer sniffer;
    static final List<String> snifferAuth = new CopyOnWriteArrayList<>();
    static final List<String> internalSaw = new CopyOnWriteArrayList<>();
    static final List<String> redirectorSaw = new CopyOnWriteArrayList<>();
    static final List<String> gitHostSaw = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * DNS as the attacker runs it: rebind.example answers a public address once, then 127.0.0.1.
     */
    static List<InetAddress> resolve(String host) throws UnknownHostException {
        int n = lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        return switch (host) {
            case "public.example" -> List.of(InetAddress.getByName(PUBLIC));
            case "rebind.example" -> List.of(InetAddress.getByName(n == 1 ? PUBLIC : "127.0.0.1"));
            case "redirect.example", "git.example", "sniff.example" ->
                    List.of(InetAddress.getByName("127.0.0.1"));
            default -> HostResolver.system().resolve(host);
        };
    }

    @BeforeAll
    static void start() throws Exception {
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext(
                "/",
                ex -> {
                    internalSaw.add(ex.getRequestURI().toString());
                    byte[] b = "internal secret\n".getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, b.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(b);
                    }
                });
        internal.start();
        redirector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirector.createContext(
                "/",
                ex -> {
                    redirectorSaw.add(ex.getRequestURI().toString());
                    ex.getResponseHeaders()
                            .add(
                                    "Location",
                                    "http://127.0.0.1:"
                                            + internal.getAddress().getPort()
                                            + ex.getRequestURI());
                    ex.sendResponseHeaders(302, -1);
                    ex.close();
                });
        redirector.start();
        gitHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gitHost.createContext("/", NetworkGuardTest::dumbGit);
        gitHost.start();
        // Another host, that asks every request for credentials and keeps what it gets.
        sniffer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sniffer.createContext(
                "/",
                ex -> {
                    snifferAuth.add(
                            String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    ex.sendResponseHeaders(401, -1);
                    ex.close();
                });
        sniffer.start();

        // The operator's own git host is the one address the policy lets through, besides the
        // redirector that stands in for a public host.
        NetworkPolicy policy =
                NetworkPolicy.publicOnly()
                        .allowing(
                                InetAddress.getByName("127.0.0.1"),
                                redirector.getAddress().getPort())
                        .allowing(
                                InetAddress.getByName("127.0.0.1"), gitHost.getAddress().getPort())
                        .allowing(
                                InetAddress.getByName("127.0.0.1"), sniffer.getAddress().getPort());
        HostResolver dns = NetworkGuardTest::resolve;
        storage = new InMemoryStorage();
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()),
                        policy,
                        dns);
        Site site = Site.builder(storage).build();
        syncs = ServeCommand.syncWorker(storage, graphs.publisher(), site);
        server =
                DraehiServer.builder(site)
                        .storage(storage)
                        .publisher(graphs.publisher())
                        .syncWorker(syncs)
                        .hosting(
                                ServeCommand.hosting(
                                        storage,
                                        syncs,
                                        null,
                                        false,
                                        policy,
                                        dns,
                                        Duration.ofDays(7)))
                        .port(0)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        syncs.close();
        internal.stop(0);
        redirector.stop(0);
        gitHost.stop(0);
        sniffer.stop(0);
    }

    /** A dumb-HTTP git server over the files of a repository with one page. */
    static void dumbGit(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        gitHostSaw.add(ex.getRequestURI().toString());
        String path = ex.getRequestURI().getPath();
        Path file = path.startsWith("/notes.git/") ? gitDir().resolve(path.substring(11)) : null;
        if (file == null || !Files.isRegularFile(file)) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        byte[] b = Files.readAllBytes(file);
        ex.sendResponseHeaders(200, 0); // chunked
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    static synchronized Path gitDir() throws IOException {
        Path repo = work.resolve("notes");
        if (Files.isDirectory(repo)) {
            return repo.resolve(".git");
        }
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("pages"));
            Files.writeString(repo.resolve("pages/hello.md"), "- Hello from the git host\n");
            git.add().addFilepattern(".").call();
            String sha =
                    git.commit()
                            .setMessage("first")
                            .setAuthor("a", "a@example.com")
                            .setCommitter("a", "a@example.com")
                            .setSign(false)
                            .call()
                            .name();
            Files.createDirectories(repo.resolve(".git/info"));
            Files.writeString(repo.resolve(".git/info/refs"), sha + "\trefs/heads/main\n");
            Files.createDirectories(repo.resolve(".git/objects/info"));
            Files.writeString(repo.resolve(".git/objects/info/packs"), "\n");
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IOException(e);
        }
        return repo.resolve(".git");
    }

    // ---- a browser ----

    record Browser(String session) {}

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Origin", "http://127.0.0.1:" + server.port());
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Browser signUp(String username) throws Exception {
        HttpResponse<String> page = send(request("/-/signup"));
        String csrf = HostingServerTest.cookieValue(page, Hosting.CSRF_COOKIE);
        HttpResponse<String> r =
                send(
                        request("/-/signup")
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Cookie", Hosting.CSRF_COOKIE + "=" + csrf)
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                HostingServerTest.form(
                                                        "csrf",
                                                        csrf,
                                                        "username",
                                                        username,
                                                        "password",
                                                        PASSWORD,
                                                        "confirm",
                                                        PASSWORD))));
        assertThat(r.statusCode()).isEqualTo(303);
        return new Browser(HostingServerTest.cookieValue(r, Hosting.SESSION_COOKIE));
    }

    static HttpResponse<String> post(Browser b, String path, String... fields) throws Exception {
        String dash =
                send(request("/-/dashboard")
                                .header("Cookie", Hosting.SESSION_COOKIE + "=" + b.session))
                        .body();
        String[] all = new String[fields.length + 2];
        all[0] = "csrf";
        all[1] = HostingServerTest.csrfField(dash);
        System.arraycopy(fields, 0, all, 2, fields.length);
        return send(
                request(path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", Hosting.SESSION_COOKIE + "=" + b.session)
                        .POST(HttpRequest.BodyPublishers.ofString(HostingServerTest.form(all))));
    }

    static Workspace workspace(String slug) {
        return storage.workspaces().findBySlug(slug).orElseThrow();
    }

    /** Presses "Sync now" and waits for the deployment it starts to end. */
    static Deployment syncNow(Browser b, String slug) throws Exception {
        long ws = workspace(slug).id();
        int before = storage.deployments().list(ws, 100).size();
        assertThat(post(b, "/-/dashboard/sync").statusCode()).isEqualTo(303);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Deployment> ds = storage.deployments().list(ws, 100);
            if (ds.size() > before && ds.get(0).status().isFinal()) {
                return ds.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sync did not end");
    }

    @Test
    void aFragmentOrQueryBeforeTheAtSignReachesNothing() throws Exception {
        int port = internal.getAddress().getPort();
        Browser b = signUp("frag");
        for (String url :
                List.of(
                        "http://public.example#@127.0.0.1:" + port + "/x",
                        "http://public.example?@127.0.0.1:" + port + "/x")) {
            // Refused when saved...
            assertThat(
                            post(b, "/-/dashboard/repository", "url", url, "branch", "main")
                                    .statusCode())
                    .as(url)
                    .isEqualTo(400);
            // ...and, were it stored by other means, refused where JGit connects.
            long ws = workspace("frag").id();
            if (storage.repositories().findByWorkspace(ws).isEmpty()) {
                storage.repositories().create(ws, url, "main", null);
            } else {
                storage.repositories().update(ws, url, "main", null);
            }
            Deployment d = syncNow(b, "frag");
            assertThat(d.succeeded()).isFalse();
            assertThat(d.errorLog()).contains("refused").doesNotContain("internal secret");
        }
        assertThat(internalSaw).isEmpty();
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheSaveReachesNothing() throws Exception {
        int port = internal.getAddress().getPort();
        Browser b = signUp("rebind");
        HttpResponse<String> saved =
                post(
                        b,
                        "/-/dashboard/repository",
                        "url",
                        "http://rebind.example:" + port + "/x",
                        "branch",
                        "main");
        assertThat(saved.statusCode()).isEqualTo(303); // a public address when saved
        Deployment d = syncNow(b, "rebind");
        assertThat(d.succeeded()).isFalse();
        assertThat(d.errorLog()).contains("refused").contains("127.0.0.1").contains("loopback");
        // and at every sync after that
        assertThat(syncNow(b, "rebind").errorLog()).contains("refused");
        assertThat(internalSaw).isEmpty();
    }

    @Test
    void aRedirectToTheInternalNetworkIsNotFollowed() throws Exception {
        int port = redirector.getAddress().getPort();
        Browser b = signUp("redir");
        assertThat(
                        post(
                                        b,
                                        "/-/dashboard/repository",
                                        "url",
                                        "http://redirect.example:" + port + "/x",
                                        "branch",
                                        "main")
                                .statusCode())
                .isEqualTo(303);
        int asked = redirectorSaw.size();
        Deployment d = syncNow(b, "redir");
        assertThat(redirectorSaw.size()).isGreaterThan(asked); // the fetch did go out
        assertThat(d.succeeded()).isFalse();
        assertThat(d.errorLog()).contains("refused").contains("loopback");
        assertThat(internalSaw).isEmpty();
    }

    @Test
    void aPermittedHostIsFetchedOverThePinnedConnection() throws Exception {
        int port = gitHost.getAddress().getPort();
        Browser b = signUp("pinned");
        assertThat(
                        post(
                                        b,
                                        "/-/dashboard/repository",
                                        "url",
                                        "http://git.example:" + port + "/notes.git",
                                        "branch",
                                        "main")
                                .statusCode())
                .isEqualTo(303);
        Deployment d = syncNow(b, "pinned");
        assertThat(d.succeeded()).as(String.valueOf(d.errorLog())).isTrue();
        assertThat(send(request("/pinned/hello")).body()).contains("Hello from the git host");
        assertThat(gitHostSaw).anyMatch(p -> p.startsWith("/notes.git/info/refs"));
        assertThat(internalSaw).isEmpty();
    }

    @Test
    void theStoredTokenDoesNotFollowTheUrlToAnotherHost() throws Exception {
        String token = "tok-SECRET-4242";
        Browser b = signUp("tokens");
        assertThat(
                        post(
                                        b,
                                        "/-/dashboard/repository",
                                        "url",
                                        "http://git.example:"
                                                + gitHost.getAddress().getPort()
                                                + "/notes.git",
                                        "branch",
                                        "main",
                                        "token",
                                        token)
                                .statusCode())
                .isEqualTo(303);
        // Another host, the token field left empty: the token is dropped, and the owner told.
        HttpResponse<String> moved =
                post(
                        b,
                        "/-/dashboard/repository",
                        "url",
                        "http://sniff.example:" + sniffer.getAddress().getPort() + "/x.git",
                        "branch",
                        "main",
                        "token",
                        "");
        assertThat(moved.statusCode()).isEqualTo(303);
        assertThat(moved.headers().firstValue("Location"))
                .get()
                .asString()
                .endsWith("token-dropped");
        Deployment d = syncNow(b, "tokens");
        assertThat(d.succeeded()).isFalse();
        assertThat(snifferAuth).isNotEmpty();
        String encoded =
                java.util.Base64.getEncoder()
                        .encodeToString(
                                ("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
        assertThat(snifferAuth).noneMatch(h -> h.contains(encoded) || h.contains(token));
    }
}
