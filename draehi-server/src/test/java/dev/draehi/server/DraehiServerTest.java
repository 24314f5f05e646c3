package dev.draehi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.Publisher;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.Storage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server itself, over real connections to 127.0.0.1: keep-alive and HTTP/2 cleartext, byte
 * ranges of assets, size and time limits, and a graceful stop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DraehiServerTest {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir static Path graph;
    static InMemoryStorage storage;
    static Site site;
    static byte[] video;
    static DraehiServer server;
    static HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    @BeforeAll
    static void start() throws Exception {
        storage = new InMemoryStorage();
        Workspace ws =
                storage.workspaces().create(storage.users().create("ada", "h").id(), "notes");
        storage.repositories().create(ws.id(), "https://example.com/ada/notes.git", "main", null);
        Publisher publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(
                                new FakeGraphSource(
                                        new Graph(
                                                SHA,
                                                GraphConfig.DEFAULTS,
                                                List.of(Page.generated("home")),
                                                Map.of(),
                                                List.of())))
                        .renderer((page, ctx) -> new RenderedPage(List.of(), List.of()))
                        .build();
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        video = new byte[200_000];
        for (int i = 0; i < video.length; i++) {
            video[i] = (byte) (i * 7 + i / 256);
        }
        Files.write(Files.createDirectories(graph.resolve("assets")).resolve("talk.mp4"), video);
        site = Site.builder(storage).assets((w, p) -> Optional.of(graph.resolve(p))).build();
        server =
                DraehiServer.builder(site)
                        .storage(storage)
                        .publisher(publisher)
                        .webhookSecret("s3cret")
                        .port(0)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static URI uri(DraehiServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- raw HTTP/1.1 ----

    record Reply(int status, String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** Reads one response with a Content-Length body, or {@code null} at the end of the stream. */
    static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4
                    && h[n - 4] == '\r'
                    && h[n - 3] == '\n'
                    && h[n - 2] == '\r'
                    && h[n - 1] == '\n') {
                break;
            }
        }
        if (head.size() == 0) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Reply r = new Reply(Integer.parseInt(text.substring(9, 12)), text, new byte[0]);
        String length = r.header("Content-Length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return new Reply(r.status(), text, body);
    }

    static Socket connect(DraehiServer s) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    // ---- connections ----

    @Test
    void twoRequestsShareOneKeepAliveConnection() throws Exception {
        try (Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(
                    "GET /notes/home HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            Reply first = read(in);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Connection")).isNull();
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("<html");
            out.write(
                    "HEAD /notes/home HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            Reply second = read(new HeadOnly(in));
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.header("Content-Length"))
                    .isEqualTo(String.valueOf(first.body().length));
            out.write(
                    "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            Reply third = read(in);
            assertThat(third.status()).isEqualTo(200);
            assertThat(new String(third.body(), StandardCharsets.UTF_8)).startsWith("User-agent");
        }
    }

    /** A stream that reads a response head but no body: what a HEAD's response is. */
    static final class HeadOnly extends InputStream {
        private final InputStream in;
        private boolean headRead;
        private int tail;

        HeadOnly(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (headRead) {
                return -1;
            }
            int c = in.read();
            tail = (tail << 8) | (c & 0xff);
            headRead = tail == 0x0d0a0d0a;
            return c;
        }

        @Override
        public byte[] readNBytes(int len) {
            return new byte[0];
        }
    }

    @Test
    void http2CleartextIsNegotiatedByUpgradeOnTheSamePort() throws Exception {
        HttpClient h2 =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_2)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        for (String path : List.of("/notes/home", "/notes/home", "/notes/-/assets/talk.mp4")) {
            HttpResponse<byte[]> r =
                    h2.send(
                            HttpRequest.newBuilder(uri(server, path)).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).as(path).isEqualTo(HttpClient.Version.HTTP_2);
        }
        HttpResponse<byte[]> part =
                h2.send(
                        HttpRequest.newBuilder(uri(server, "/notes/-/assets/talk.mp4"))
                                .header("Range", "bytes=10-19")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(video, 10, 20));
    }

    @Test
    void http2CleartextIsSpokenWithPriorKnowledge() throws Exception {
        try (Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // an empty SETTINGS frame: length 0, type 4, no flags, stream 0
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            out.flush();
            byte[] frame = s.getInputStream().readNBytes(9);
            assertThat(frame).hasSize(9);
            assertThat(frame[3])
                    .as("type of the server's first frame (SETTINGS)")
                    .isEqualTo((byte) 4);
        }
    }

    // ---- ranges ----

    @Test
    void aRangeOfAnAssetIsSentAsPartialContent() throws Exception {
        HttpResponse<byte[]> whole = get("/notes/-/assets/talk.mp4");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.body()).isEqualTo(video);

        HttpResponse<byte[]> middle = get("/notes/-/assets/talk.mp4", "Range", "bytes=1000-1999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range"))
                .contains("bytes 1000-1999/" + video.length);
        assertThat(middle.headers().firstValue("Content-Length")).contains("1000");
        assertThat(middle.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(video, 1000, 2000));

        HttpResponse<byte[]> rest = get("/notes/-/assets/talk.mp4", "Range", "bytes=150000-");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(video, 150_000, video.length));

        HttpResponse<byte[]> last = get("/notes/-/assets/talk.mp4", "Range", "bytes=-500");
        assertThat(last.statusCode()).isEqualTo(206);
        assertThat(last.headers().firstValue("Content-Range"))
                .contains(
                        "bytes "
                                + (video.length - 500)
                                + "-"
                                + (video.length - 1)
                                + "/"
                                + video.length);
        assertThat(last.body())
                .isEqualTo(Arrays.copyOfRange(video, video.length - 500, video.length));
    }

    @Test
    void aRangePastTheEndIsUnsatisfiable() throws Exception {
        HttpResponse<byte[]> r =
                get("/notes/-/assets/talk.mp4", "Range", "bytes=" + video.length + "-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).contains("bytes */" + video.length);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void headOfARangeHasItsHeadersAndNoBody() throws Exception {
        HttpResponse<byte[]> r =
                http.send(
                        HttpRequest.newBuilder(uri(server, "/notes/-/assets/talk.mp4"))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .header("Range", "bytes=0-99")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).contains("bytes 0-99/" + video.length);
        assertThat(r.headers().firstValue("Content-Length")).contains("100");
        assertThat(r.body()).isEmpty();
        HttpResponse<byte[]> whole =
                http.send(
                        HttpRequest.newBuilder(uri(server, "/notes/-/assets/talk.mp4"))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Length"))
                .contains(String.valueOf(video.length));
    }

    @Test
    void aRangeOfAnotherVersionOrOfAPageIsIgnored() throws Exception {
        HttpResponse<byte[]> stale =
                get(
                        "/notes/-/assets/talk.mp4",
                        "Range",
                        "bytes=0-9",
                        "If-Range",
                        "\"not-this-version\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(video);
        String etag = stale.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> current =
                get("/notes/-/assets/talk.mp4", "Range", "bytes=0-9", "If-Range", etag);
        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(current.body()).isEqualTo(Arrays.copyOfRange(video, 0, 10));
        // a page, sent gzipped to those who accept it, is sent whole
        HttpResponse<byte[]> page = get("/notes/home", "Range", "bytes=0-9");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Accept-Ranges")).isEmpty();
        // a small text body in memory is a range like a file
        HttpResponse<byte[]> robots = get("/robots.txt", "Range", "bytes=0-9");
        assertThat(robots.statusCode()).isEqualTo(206);
        assertThat(new String(robots.body(), StandardCharsets.UTF_8)).isEqualTo("User-agent");
    }

    // ---- limits ----

    @Test
    void oversizedHeadersAreRefusedWith431() throws Exception {
        HttpResponse<byte[]> r = get("/notes/home", "X-Big", "a".repeat(64 * 1024));
        assertThat(r.statusCode()).isEqualTo(431);
        assertThat(get("/notes/home").statusCode()).isEqualTo(200);
    }

    static Reply postHead(String path, long length, String extra) throws IOException {
        try (Socket s = connect(server)) {
            s.getOutputStream()
                    .write(
                            ("POST "
                                            + path
                                            + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                            + length
                                            + "\r\n"
                                            + extra
                                            + "\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            return read(s.getInputStream());
        }
    }

    @Test
    void bodiesDeclaredTooLargeAreRefusedBeforeTheyAreSent() throws Exception {
        for (String path : List.of("/api/webhooks/git", "/notes/home")) {
            // a client that waits to be asked for the body is never asked
            Reply asked =
                    postHead(
                            path,
                            DraehiServer.MAX_REQUEST_BODY_BYTES + 1,
                            "Expect: 100-continue\r\n");
            assertThat(asked.status()).as(path).isEqualTo(413);
            assertThat(asked.header("Connection")).isEqualTo("close");
            // far too large to read and drop
            Reply huge = postHead(path, 10L << 30, "");
            assertThat(huge.status()).as(path).isEqualTo(413);
            assertThat(huge.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void oversizedBodiesAreRefusedWith413() throws Exception {
        byte[] big = new byte[DraehiServer.MAX_REQUEST_BODY_BYTES + 1];
        Arrays.fill(big, (byte) '{');
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client =
                    HttpClient.newBuilder()
                            .version(version)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build();
            // a first request, over HTTP/2 the upgrade, so that the POSTs go on as streams
            assertThat(
                            client.send(
                                            HttpRequest.newBuilder(uri(server, "/robots.txt"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .version())
                    .isEqualTo(version);
            for (String path : List.of("/api/webhooks/git", "/notes/home")) {
                HttpResponse<String> r =
                        client.send(
                                HttpRequest.newBuilder(uri(server, path))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("%s %s", version, path).isEqualTo(413);
            }
            // a webhook body without a declared length, cut off at the limit
            HttpResponse<String> unsized =
                    client.send(
                            HttpRequest.newBuilder(uri(server, "/api/webhooks/git"))
                                    .POST(
                                            HttpRequest.BodyPublishers.ofInputStream(
                                                    () -> new ByteArrayInputStream(big)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(unsized.statusCode()).as("%s", version).isEqualTo(413);
            // under the limit, the webhook reads it (and refuses its signature)
            HttpResponse<String> small =
                    client.send(
                            HttpRequest.newBuilder(uri(server, "/api/webhooks/git"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"x\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(small.statusCode()).isIn(400, 401);
        }
    }

    // ---- time limits ----

    @Test
    void aSilentClientIsCutOffByTheIdleTimeout() throws Exception {
        try (DraehiServer quick =
                        DraehiServer.builder(site)
                                .port(0)
                                .idleTimeout(Duration.ofMillis(500))
                                .build()
                                .start();
                Socket s = connect(quick)) {
            s.getOutputStream()
                    .write(
                            "GET /notes/home HTTP/1.1\r\nHost: x\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            // the server answers 408 or just closes; either way the connection ends
            byte[] rest = s.getInputStream().readAllBytes();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(ms).isBetween(300L, 5_000L);
            String said = new String(rest, StandardCharsets.ISO_8859_1);
            assertThat(said.isEmpty() || said.startsWith("HTTP/1.1 408")).as(said).isTrue();
        }
    }

    @Test
    void aClientThatTricklesItsRequestIsCutOffByTheRequestTimeout() throws Exception {
        try (DraehiServer quick =
                        DraehiServer.builder(site)
                                .port(0)
                                .idleTimeout(Duration.ofSeconds(10))
                                .requestTimeout(Duration.ofSeconds(1))
                                .build()
                                .start();
                Socket s = connect(quick)) {
            OutputStream out = s.getOutputStream();
            out.write(
                    "GET /notes/home HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 100 && !closed; i++) {
                Thread.sleep(100);
                try {
                    // a header line a byte at a time: never idle, never done
                    out.write('X');
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                }
                s.setSoTimeout(1);
                try {
                    closed |= s.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException e) {
                    // still open
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed).as("the trickling connection was closed").isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                    .isBetween(900L, 5_000L);
            try (Socket other = connect(quick)) {
                other.getOutputStream()
                        .write(
                                "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(read(other.getInputStream()).status()).isEqualTo(200);
            }
        }
    }

    // ---- stopping ----

    /** A storage whose snapshots wait for {@code release} while {@code hold} is set. */
    static Storage holding(
            Storage real, AtomicBoolean hold, CountDownLatch entered, CountDownLatch release) {
        return (Storage)
                Proxy.newProxyInstance(
                        Storage.class.getClassLoader(),
                        new Class<?>[] {Storage.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("inSnapshot") && hold.get()) {
                                entered.countDown();
                                release.await(30, TimeUnit.SECONDS);
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    @Test
    void aStopLetsTheRequestInFlightFinishAndRefusesNewOnes() throws Exception {
        AtomicBoolean hold = new AtomicBoolean(true);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DraehiServer s =
                DraehiServer.builder(Site.builder(holding(storage, hold, entered, release)).build())
                        .port(0)
                        .stopTimeout(Duration.ofSeconds(20))
                        .build()
                        .start();
        int port = s.port();
        CompletableFuture<HttpResponse<String>> inFlight =
                http.sendAsync(
                        HttpRequest.newBuilder(uri(s, "/notes/home")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        hold.set(false);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(s::close);
        Thread.sleep(500);
        assertThat(stopped).as("the stop waits for the request").isNotDone();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .as("no new connections while stopping")
                .isInstanceOf(IOException.class);
        release.countDown();
        HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<html");
        stopped.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aStopWaitsNoLongerThanItsTimeout() throws Exception {
        AtomicBoolean hold = new AtomicBoolean(true);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DraehiServer s =
                DraehiServer.builder(Site.builder(holding(storage, hold, entered, release)).build())
                        .port(0)
                        .stopTimeout(Duration.ofMillis(500))
                        .build()
                        .start();
        CompletableFuture<HttpResponse<String>> inFlight =
                http.sendAsync(
                        HttpRequest.newBuilder(uri(s, "/notes/home")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            s.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000L);
        } finally {
            release.countDown();
        }
        assertThat(inFlight).failsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aPortInUseIsAServerException() {
        DraehiServer second = DraehiServer.builder(site).port(server.port()).build();
        assertThatThrownBy(second::start)
                .isInstanceOf(ServerException.class)
                .hasCauseInstanceOf(BindException.class);
    }
}
