package dev.draehi.bench;

import dev.draehi.server.DraehiServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A small HTTP/1.1 load generator: {@code clients} threads, each on its own keep-alive connection,
 * GET random paths for a fixed time. Raw sockets rather than an HTTP client library, so that the
 * client costs little of the CPU it shares with the server.
 */
final class BenchLoad {
    /** The outcome: successful requests, their latencies (sorted, ns), errors and the duration. */
    record Result(long ok, long errors, long[] latenciesNanos, double seconds) {
        double requestsPerSecond() {
            return ok / seconds;
        }

        double p50Millis() {
            return BenchReport.percentile(latenciesNanos, 50) / 1e6;
        }

        double p99Millis() {
            return BenchReport.percentile(latenciesNanos, 99) / 1e6;
        }

        double maxMillis() {
            return latenciesNanos.length == 0
                    ? Double.NaN
                    : latenciesNanos[latenciesNanos.length - 1] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d ok, %d errors in %.1f s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms",
                    ok,
                    errors,
                    seconds,
                    requestsPerSecond(),
                    p50Millis(),
                    p99Millis(),
                    maxMillis());
        }
    }

    private BenchLoad() {}

    /** Runs {@code clients} connections against {@code port} on localhost for {@code seconds}. */
    static Result run(int port, List<String> paths, int clients, double seconds)
            throws InterruptedException {
        return run(
                port,
                () -> paths.get(ThreadLocalRandom.current().nextInt(paths.size())),
                clients,
                System.nanoTime() + (long) (seconds * 1e9));
    }

    /**
     * GETs every path once, on {@code clients} connections that share the list: a crawl of the
     * whole site, as a search engine's or a cache warm-up's.
     */
    static Result crawl(int port, List<String> paths, int clients) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger next =
                new java.util.concurrent.atomic.AtomicInteger();
        return run(
                port,
                () -> {
                    int i = next.getAndIncrement();
                    return i < paths.size() ? paths.get(i) : null;
                },
                clients,
                Long.MAX_VALUE);
    }

    private static Result run(
            int port, java.util.function.Supplier<String> paths, int clients, long deadline)
            throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Client c = new Client(port, paths, deadline, errors);
            Thread t = new Thread(c, "bench-client-" + i);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> errors.incrementAndGet());
            all.add(c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        int total = 0;
        for (Client c : all) {
            total += c.count;
        }
        long[] latencies = new long[total];
        int at = 0;
        for (Client c : all) {
            System.arraycopy(c.latencies, 0, latencies, at, c.count);
            at += c.count;
        }
        Arrays.sort(latencies);
        return new Result(total, errors.get(), latencies, took);
    }

    /** One client: GETs random paths on its own connection until the deadline. */
    private static final class Client implements Runnable {
        private final int port;
        private final java.util.function.Supplier<String> paths;
        private final long deadline;
        private final AtomicLong errors;
        long[] latencies = new long[4096];
        int count;

        /** {@code paths} gives the next path to get, or {@code null} when there is none. */
        Client(
                int port,
                java.util.function.Supplier<String> paths,
                long deadline,
                AtomicLong errors) {
            this.port = port;
            this.paths = paths;
            this.deadline = deadline;
            this.errors = errors;
        }

        @Override
        public void run() {
            Connection c = null;
            while (System.nanoTime() < deadline) {
                String path = paths.get();
                if (path == null) {
                    break;
                }
                long t0 = System.nanoTime();
                try {
                    if (c == null) {
                        c = new Connection(port);
                    }
                    int status = c.get(path);
                    long took = System.nanoTime() - t0;
                    if (status != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                    if (c != null) {
                        c.close();
                    }
                    c = null;
                }
            }
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * A bare Jetty server that answers every request with the same {@code bodyBytes} of HTML, made
     * by draehi-server with the connector, thread pool and limits of {@link DraehiServer} at its
     * defaults: the cost of the HTTP stack the site runs on, without the site.
     */
    record FixedServer(Server jetty) {
        static FixedServer start(int bodyBytes) throws Exception {
            byte[] body = new byte[bodyBytes];
            Arrays.fill(body, (byte) 'x');
            ByteBuffer page = ByteBuffer.wrap(body).asReadOnlyBuffer();
            Server jetty =
                    DraehiServer.bareServer(
                            "127.0.0.1",
                            0,
                            // blocking, as draehi's handler is: it runs on a pool thread
                            new Handler.Abstract(Invocable.InvocationType.BLOCKING) {
                                @Override
                                public boolean handle(
                                        Request request, Response response, Callback callback) {
                                    response.getHeaders().put(HTML);
                                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bodyBytes);
                                    response.write(true, page.slice(), callback);
                                    return true;
                                }
                            });
            jetty.start();
            return new FixedServer(jetty);
        }

        private static final HttpField HTML =
                new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");

        int port() {
            return DraehiServer.portOf(jetty);
        }

        void stop() throws Exception {
            jetty.stop();
        }
    }

    /** One keep-alive connection. */
    static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }

        /** GETs {@code path}, reads the whole response and returns its status. */
        int get(String path) throws IOException {
            out.write(
                    ("GET "
                                    + path
                                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                                    // as every browser asks
                                    + "Accept-Encoding: gzip\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = line();
            if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long n = Long.parseLong(line().trim().split(";")[0], 16);
                        n > 0;
                        n = Long.parseLong(line().trim().split(";")[0], 16)) {
                    skip(n);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else if (status != 204 && status != 304) {
                while (in.read() >= 0) {
                    // read to the end: the server closes
                }
                throw new IOException("response without length");
            }
            if (close) {
                throw new IOException("server closed the connection");
            }
            return status;
        }

        private void skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    throw new IOException("truncated body");
                }
                n -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); ; c = in.read()) {
                if (c < 0) {
                    return sb.length() == 0 ? null : sb.toString();
                }
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r'
                            ? sb.substring(0, len - 1)
                            : sb.toString();
                }
                sb.append((char) c);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a benchmark connection: nothing to do
            }
        }
    }
}
