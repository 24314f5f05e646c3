package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Workspace;
import dev.draehi.server.DraehiServer;
import dev.draehi.site.Site;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile client can send the HTTP server: path traversal in every spelling, oversized
 * request lines and headers, connections that send their request slowly or not at all, and forged,
 * replayed or oversized webhooks. Requests go over raw sockets, so nothing on the client side
 * normalises or refuses them first.
 */
class HttpAbuseTest {
    static final String SECRET_MARK = "SECRET-NEXT-TO-THE-GRAPH";
    static final String ASSET_MARK = "PNG-BYTES-OF-THE-GRAPH";
    static final String FALLBACK_SECRET = "fallback-webhook-secret";

    @TempDir static Path work;
    static InMemoryStorage storage;
    static DraehiServer server;
    static Workspace docs;
    static Workspace other;
    static Path docsGraph;
    static Path otherGraph;
    static String otherSecret;

    @BeforeAll
    static void start() throws Exception {
        storage = new InMemoryStorage();
        docsGraph = graph("docs");
        otherGraph = graph("other");
        Files.writeString(work.resolve("secret.txt"), SECRET_MARK);
        docs = LocalWorkspace.ensure(storage, "docs", docsGraph.toString());
        other = LocalWorkspace.ensure(storage, "other", otherGraph.toString());
        // The second workspace has a secret of its own, as in hosting mode.
        otherSecret = "other-repository-secret";
        storage.repositories().setWebhookSecret(other.id(), otherSecret);
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()));
        assertThat(graphs.sync(docs).succeeded()).isTrue();
        assertThat(graphs.sync(other).succeeded()).isTrue();
        server =
                DraehiServer.builder(Site.builder(storage).build())
                        .storage(storage)
                        .publisher(graphs.publisher())
                        .webhookSecret(FALLBACK_SECRET)
                        .port(0)
                        .build()
                        .start();
    }

    static Path graph(String name) throws IOException {
        Path g = Files.createDirectories(work.resolve("graphs").resolve(name));
        Files.createDirectories(g.resolve("pages"));
        Files.createDirectories(g.resolve("assets"));
        Files.createDirectories(g.resolve("logseq"));
        Files.writeString(g.resolve("pages/home.md"), "- hello ![pic](../assets/pic.png)\n");
        Files.writeString(g.resolve("assets/pic.png"), ASSET_MARK);
        Files.writeString(g.resolve("secret.txt"), SECRET_MARK);
        Files.writeString(g.resolve("logseq/config.edn"), "{:secret \"" + SECRET_MARK + "\"}");
        return g;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- raw HTTP ----

    record Reply(int status, String head, String body) {}

    static Socket connect() throws IOException {
        return connect(server.port());
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /**
     * Sends {@code request} as it is, then half-closes (so a server waiting for more of a broken
     * request sees its end), and reads the reply. -1 when the server closed without one.
     */
    static Reply send(byte[] request) throws IOException {
        return send(request, true);
    }

    static Reply send(byte[] request, boolean halfClose) throws IOException {
        return send(request, halfClose, 10_000);
    }

    static Reply send(byte[] request, boolean halfClose, int timeoutMillis) throws IOException {
        return send(server.port(), request, halfClose, timeoutMillis);
    }

    static Reply send(int port, byte[] request, boolean halfClose, int timeoutMillis)
            throws IOException {
        try (Socket s = connect(port)) {
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may refuse and close before it read everything; read what it said.
            }
            return read(s.getInputStream());
        }
    }

    /** One response: the head, then Content-Length bytes of body (or up to the end). */
    static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int end = -1;
        long want = -1;
        try {
            for (int c; (c = in.read()) >= 0; ) {
                buf.write(c);
                if (end < 0 && endsWithBlankLine(buf)) {
                    end = buf.size();
                    want = contentLength(buf.toString(StandardCharsets.ISO_8859_1));
                    break;
                }
            }
            if (end >= 0) {
                byte[] b = new byte[8192];
                while (want < 0 || buf.size() - end < want) {
                    int n =
                            in.read(
                                    b,
                                    0,
                                    want < 0
                                            ? b.length
                                            : (int) Math.min(b.length, want - (buf.size() - end)));
                    if (n < 0) {
                        break;
                    }
                    buf.write(b, 0, n);
                }
            }
        } catch (IOException e) {
            // a reset after (or instead of) the reply
        }
        String all = buf.toString(StandardCharsets.ISO_8859_1);
        if (all.isEmpty() || !all.startsWith("HTTP/")) {
            return new Reply(-1, all, "");
        }
        int headEnd = all.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? all : all.substring(0, headEnd);
        String body = headEnd < 0 ? "" : all.substring(headEnd + 4);
        String[] statusLine = head.split("\r\n", 2)[0].split(" ");
        return new Reply(Integer.parseInt(statusLine[1]), head, body);
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream buf) {
        byte[] b = buf.toByteArray();
        int n = b.length;
        return n >= 4
                && b[n - 4] == '\r'
                && b[n - 3] == '\n'
                && b[n - 2] == '\r'
                && b[n - 1] == '\n';
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return head.startsWith("HTTP/1.1 1") ? 0 : -1;
    }

    static Reply get(String target) throws IOException {
        return get(server.port(), target);
    }

    static Reply get(int port, String target) throws IOException {
        return send(
                port,
                ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8),
                true,
                10_000);
    }

    // ---- path traversal ----

    static final List<String> TRAVERSALS =
            List.of(
                    "/../../etc/passwd",
                    "/../../../../../../../../etc/passwd",
                    "/docs/../../../../etc/passwd",
                    "/%2e%2e/%2e%2e/etc/passwd",
                    "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
                    "/docs/%2e%2e/%2e%2e/secret.txt",
                    "/docs/-/assets/../secret.txt",
                    "/docs/-/assets/../../secret.txt",
                    "/docs/-/assets/../logseq/config.edn",
                    "/docs/-/assets/..%2fsecret.txt",
                    "/docs/-/assets/..%2F..%2Fsecret.txt",
                    "/docs/-/assets/%2e%2e/secret.txt",
                    "/docs/-/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                    "/docs/-/assets/..%5csecret.txt",
                    "/docs/-/assets/%2e%2e%5c%2e%2e%5csecret.txt",
                    "/docs/-/assets/..\\secret.txt",
                    "/docs/-/assets/..\\..\\..\\..\\etc\\passwd",
                    "/docs/-/assets/%c0%ae%c0%ae/secret.txt",
                    "/docs/-/assets/%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afsecret.txt",
                    "/docs/-/assets/%252e%252e/secret.txt",
                    "/docs/-/assets/..%00/secret.txt",
                    "/docs/-/assets/%00../secret.txt",
                    "/docs/-/assets//etc/passwd",
                    "/docs/-/assets/%2fetc%2fpasswd",
                    "/docs/-/assets/pic.png/../../secret.txt",
                    "/docs/-/static/../../../../etc/passwd",
                    "/docs/-/static/..%2f..%2f..%2fpom.xml",
                    "/-/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                    "//etc/passwd",
                    "/etc/passwd",
                    "/docs/-/assets/../../../../../../../../etc/passwd",
                    "/docs/-/assets/file:///etc/passwd",
                    "/docs/-/assets/C:\\Windows\\win.ini",
                    "../../etc/passwd",
                    "..%2f..%2fetc%2fpasswd",
                    "http://localhost/../../etc/passwd",
                    "http://localhost/docs/-/assets/../secret.txt",
                    "*");

    @Test
    void pathTraversalNeverReachesAFile() throws Exception {
        // The control: the asset itself is served.
        Reply ok = get("/docs/-/assets/pic.png");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(ASSET_MARK);
        for (String target : TRAVERSALS) {
            Reply r = get(target);
            assertThat(r.status()).as("status of %s: %s", target, r.head()).isIn(400, 404);
            assertThat(r.body())
                    .as("body of %s", target)
                    .doesNotContain(SECRET_MARK)
                    .doesNotContain(ASSET_MARK)
                    .doesNotContain("root:x:0:0")
                    .doesNotContain("<project");
            Reply head =
                    send(
                            ("HEAD " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.UTF_8));
            assertThat(head.status()).as("HEAD %s", target).isIn(400, 404);
        }
        assertThat(get("/docs/").status()).isEqualTo(200);
    }

    // ---- oversized requests ----

    @Test
    void aHugeHeaderDoesNotBreakTheServer() throws Exception {
        String big = "a".repeat(1 << 20);
        Reply r =
                send(
                        ("GET /docs/ HTTP/1.1\r\nHost: x\r\nX-Big: "
                                        + big
                                        + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
        // Refused (431 or 400), or closed without a reply (-1).
        assertThat(r.status()).isIn(-1, 200, 400, 413, 431);
        assertThat(get("/docs/").status()).isEqualTo(200);
    }

    @Test
    void manyHeadersAndAHugeRequestLineDoNotBreakTheServer() throws Exception {
        StringBuilder many = new StringBuilder("GET /docs/ HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 20_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        many.append("Connection: close\r\n\r\n");
        assertThat(send(many.toString().getBytes(StandardCharsets.US_ASCII)).status())
                .isIn(-1, 200, 400, 413, 431);
        String longPath = "/docs/" + "x".repeat(1 << 20);
        assertThat(get(longPath).status()).isIn(-1, 400, 404, 414, 431);
        // Longer than the request-header limit: refused, and never cached.
        for (int i = 0; i < 3; i++) {
            assertThat(get("/docs/" + i + "y".repeat(300_000)).status()).isIn(404, 414);
        }
        assertThat(send("\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).status()).isIn(-1, 400);
        assertThat(send("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).status())
                .isIn(-1, 400);
        assertThat(
                        send("GET /docs/ HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII))
                                .status())
                .isIn(-1, 400);
        assertThat(
                        send("GET /docs/ HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII))
                                .status())
                .isIn(-1, 400, 413);
        assertThat(get("/docs/").status()).isEqualTo(200);
    }

    // ---- slow clients ----

    /**
     * Opens connections that send part of a request line and then one byte a second, and
     * connections that send nothing. None of them may stop everyone else being served.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void slowClientsDoNotStopOthersBeingServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket s = connect();
                s.getOutputStream().write("GET /docs/ HT".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            for (int i = 0; i < 8; i++) {
                slow.add(connect());
            }
            Thread.sleep(300);
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(get("/docs/").status()).isEqualTo(200);
                for (Socket s : slow.subList(0, 16)) {
                    trickle(s);
                }
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                    .as("three requests while 24 clients dawdle")
                    .isLessThan(5_000);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    static void trickle(Socket s) {
        try {
            s.getOutputStream().write('T');
            s.getOutputStream().flush();
        } catch (IOException e) {
            // closed by the server: fine
        }
    }

    /**
     * Hundreds of clients that never finish their request, against {@code draehi serve} in a JVM of
     * its own, as it is configured there. The idle timeout and the request-time limit drop them
     * (those that stall in their headers hold no thread meanwhile; those that stall in a webhook's
     * body hold one each until then); then their sockets are closed and everyone is served.
     */
    @Test
    @Tag("slow")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theServerDropsClientsThatNeverFinishTheirRequest() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = work.resolve("serve.log");
        Process serve =
                new ProcessBuilder(
                                java,
                                "-cp",
                                cp,
                                "dev.draehi.cli.Main",
                                "serve",
                                docsGraph.toString(),
                                "--workspace",
                                "docs",
                                "--port",
                                Integer.toString(port),
                                "--checkout-dir",
                                work.resolve("co-serve").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        List<Socket> slow = new ArrayList<>();
        try {
            Reply up = new Reply(-1, "", "");
            for (int i = 0; i < 120 && up.status() != 200; i++) {
                Thread.sleep(500);
                try {
                    up = get(port, "/docs/");
                } catch (IOException e) {
                    // not listening yet
                }
            }
            assertThat(up.status()).as("serve came up: %s", Files.readString(log)).isEqualTo(200);
            for (int i = 0; i < 200; i++) {
                Socket s = connect(port);
                // Three in four stall in their headers; the rest declare a webhook body of
                // almost 1 MiB and send one byte of it.
                String partial =
                        i % 4 == 0
                                ? "POST /api/webhooks/git HTTP/1.1\r\nHost: x\r\n"
                                        + "Content-Length: 1000000\r\n\r\n{"
                                : "GET /docs/ HTTP/1.1\r\nHost: x\r\nX-Slow: ";
                s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            // Every slow socket is closed (EOF or reset) or answered within about a minute.
            long t0 = System.nanoTime();
            java.util.Set<Socket> open = new java.util.HashSet<>(slow);
            while (!open.isEmpty() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(90)) {
                for (java.util.Iterator<Socket> it = open.iterator(); it.hasNext(); ) {
                    Socket s = it.next();
                    s.setSoTimeout(20);
                    try {
                        // EOF, or an answer: either way the server let go of it.
                        s.getInputStream().read();
                        it.remove();
                    } catch (SocketTimeoutException e) {
                        // still open
                    } catch (IOException e) {
                        it.remove();
                    }
                }
                Thread.sleep(1_000);
            }
            assertThat(open).as("slow sockets the server still holds").isEmpty();
            long t1 = System.nanoTime();
            assertThat(get(port, "/docs/").status()).isEqualTo(200);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1)).isLessThan(5_000);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    // ---- webhooks ----

    static String push(String repoUrl) {
        return "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\""
                + repoUrl.replace("\\", "\\\\")
                + "\"}}";
    }

    static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    static Reply webhook(byte[] body, Map<String, String> headers) throws IOException {
        StringBuilder head =
                new StringBuilder("POST /api/webhooks/git HTTP/1.1\r\nHost: x\r\n")
                        .append("Content-Type: application/json\r\n")
                        .append("X-GitHub-Event: push\r\n")
                        .append("Connection: close\r\n")
                        .append("Content-Length: ")
                        .append(body.length)
                        .append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        req.writeBytes(body);
        return send(req.toByteArray());
    }

    static int deployments() {
        return storage.deployments().list(docs.id(), 1000).size()
                + storage.deployments().list(other.id(), 1000).size();
    }

    @Test
    void forgedReplayedAndOversizedWebhooksAreRejectedAndStartNothing() throws Exception {
        int before = deployments();
        byte[] docsPush = push("file://" + docsGraph).getBytes(StandardCharsets.UTF_8);
        byte[] otherPush = push("file://" + otherGraph).getBytes(StandardCharsets.UTF_8);

        // Missing and wrong signatures.
        assertThat(webhook(docsPush, Map.of()).status()).isEqualTo(401);
        assertThat(
                        webhook(docsPush, Map.of("X-Hub-Signature-256", "sha256=" + "0".repeat(64)))
                                .status())
                .isEqualTo(401);
        assertThat(
                        webhook(docsPush, Map.of("X-Hub-Signature-256", sign("wrong", docsPush)))
                                .status())
                .isEqualTo(401);
        assertThat(webhook(docsPush, Map.of("X-Hub-Signature-256", "sha256=zz")).status())
                .isEqualTo(401);
        assertThat(webhook(docsPush, Map.of("X-Hub-Signature-256", "")).status()).isEqualTo(401);
        assertThat(webhook(docsPush, Map.of("X-Gitlab-Token", "wrong")).status()).isEqualTo(401);
        assertThat(webhook(docsPush, Map.of("X-Gitea-Signature", "00")).status()).isEqualTo(401);

        // A body signed for one repository, replayed with another repository's URL.
        String docsSignature = sign(FALLBACK_SECRET, docsPush);
        assertThat(webhook(otherPush, Map.of("X-Hub-Signature-256", docsSignature)).status())
                .isEqualTo(401);
        // Signed with the fallback secret, but naming a repository that has its own secret.
        assertThat(
                        webhook(
                                        otherPush,
                                        Map.of(
                                                "X-Hub-Signature-256",
                                                sign(FALLBACK_SECRET, otherPush)))
                                .status())
                .isEqualTo(401);
        // Signed with one repository's own secret, naming the other repository.
        assertThat(
                        webhook(
                                        docsPush,
                                        Map.of("X-Hub-Signature-256", sign(otherSecret, docsPush)))
                                .status())
                .isEqualTo(401);
        // A signed body with a byte changed after signing.
        byte[] tampered = docsPush.clone();
        tampered[tampered.length - 3] = (byte) 'X';
        assertThat(webhook(tampered, Map.of("X-Hub-Signature-256", docsSignature)).status())
                .isIn(400, 401);

        // Over 1 MiB, even correctly signed.
        byte[] big =
                ("{\"ref\":\"refs/heads/main\",\"pad\":\""
                                + "x".repeat((1 << 20) + 10)
                                + "\",\"repository\":{\"clone_url\":\"file://"
                                + docsGraph
                                + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
        Reply tooBig = webhook(big, Map.of("X-Hub-Signature-256", sign(FALLBACK_SECRET, big)));
        assertThat(tooBig.status()).isIn(-1, 413);
        // Declared as huge but never sent: refused before the body is read.
        Thread.sleep(500);
        assertThat(deployments()).as("deployments after rejected webhooks").isEqualTo(before);

        // The control: the genuine push is accepted and starts a sync.
        assertThat(webhook(docsPush, Map.of("X-Hub-Signature-256", docsSignature)).status())
                .isEqualTo(202);
        for (int i = 0; i < 100 && deployments() == before; i++) {
            Thread.sleep(50);
        }
        assertThat(deployments()).isGreaterThan(before);
    }
}
