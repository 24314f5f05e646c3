package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production TXT lookup (the JDK's DNS client) against a tiny DNS server on 127.0.0.1 in this
 * test: records of one and of several strings, a name without records, a missing name, and a server
 * that answers with an error. No packet leaves the loopback interface.
 */
class TxtLookupTest {
    /** A DNS server on 127.0.0.1 that answers TXT questions from a map, over UDP. */
    static final class DnsResponder implements AutoCloseable {
        /** Name (lower case, no trailing dot) to records, each record its character strings. */
        final Map<String, List<List<String>>> records = new ConcurrentHashMap<>();

        final AtomicInteger questions = new AtomicInteger();
        volatile boolean failing;
        private final DatagramSocket socket;
        private final Thread thread;

        DnsResponder() throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::serve, "test-dns");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(in);
                    byte[] answer = answer(java.util.Arrays.copyOf(buf, in.getLength()));
                    socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
                } catch (IOException | RuntimeException e) {
                    // closed, or a packet this responder does not read: no answer
                }
            }
        }

        private byte[] answer(byte[] q) {
            questions.incrementAndGet();
            // the question's name: labels from offset 12 up to the empty one
            StringBuilder name = new StringBuilder();
            int i = 12;
            while (q[i] != 0) {
                int len = q[i] & 0xff;
                name.append(name.length() == 0 ? "" : ".")
                        .append(new String(q, i + 1, len, StandardCharsets.US_ASCII));
                i += len + 1;
            }
            int questionEnd = i + 5; // the empty label, type and class
            int type = ((q[i + 1] & 0xff) << 8) | (q[i + 2] & 0xff);
            List<List<String>> found = records.get(name.toString().toLowerCase(Locale.ROOT));
            int rcode = failing ? 2 : found == null ? 3 : 0; // SERVFAIL, NXDOMAIN, NOERROR
            List<List<String>> answers = rcode == 0 && type == 16 ? found : List.of();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(q, 0, 2); // id
            out.write(0x81); // response, recursion desired
            out.write(0x80 | rcode); // recursion available, rcode
            short16(out, 1);
            short16(out, answers.size());
            short16(out, 0);
            short16(out, 0);
            out.write(q, 12, questionEnd - 12);
            for (List<String> record : answers) {
                short16(out, 0xc00c); // the question's name
                short16(out, 16); // TXT
                short16(out, 1); // IN
                short16(out, 0);
                short16(out, 60); // TTL
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                for (String s : record) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    data.write(b.length);
                    data.write(b, 0, b.length);
                }
                short16(out, data.size());
                out.write(data.toByteArray(), 0, data.size());
            }
            return out.toByteArray();
        }

        private static void short16(ByteArrayOutputStream out, int v) {
            out.write((v >> 8) & 0xff);
            out.write(v & 0xff);
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(5000);
        }
    }

    DnsResponder dns;
    TxtLookup lookup;

    @BeforeEach
    void start() throws Exception {
        dns = new DnsResponder();
        lookup = TxtLookup.server("127.0.0.1", dns.port());
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    @Test
    void readsTheRecordsOfANameFromTheServer() throws Exception {
        String longToken = "draehi-" + "x".repeat(300); // over one string's 255 bytes
        dns.records.put(
                "_draehi.notes.example",
                List.of(
                        List.of("v=spf1 -all"),
                        List.of("draehi-abc"),
                        List.of(longToken.substring(0, 200), longToken.substring(200)),
                        List.of("with \"quotes\" and spaces"),
                        List.of("two ", "strings")));
        assertThat(lookup.txt("_draehi.notes.example"))
                .containsExactlyInAnyOrder(
                        "v=spf1 -all",
                        "draehi-abc",
                        longToken,
                        "with \"quotes\" and spaces",
                        "two strings");
        assertThat(dns.questions.get()).isPositive();
    }

    @Test
    void aMissingNameOrOneWithoutRecordsHasNone() throws Exception {
        dns.records.put("_draehi.empty.example", List.of());
        assertThat(lookup.txt("_draehi.missing.example")).isEmpty();
        assertThat(lookup.txt("_draehi.empty.example")).isEmpty();
    }

    @Test
    void aServerThatFailsIsAnIoErrorNotAMissingRecord() {
        dns.failing = true;
        assertThatThrownBy(() -> lookup.txt("_draehi.notes.example"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("_draehi.notes.example");
    }

    @Test
    void refusesANonServerAndJoinsQuotedStrings() throws Exception {
        assertThatThrownBy(() -> TxtLookup.server("127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TxtLookup.unquote("\"a\" \"b\\\"c\"")).isEqualTo("ab\"c");
        assertThat(TxtLookup.unquote("plain")).isEqualTo("plain");
        assertThat(TxtLookup.unquote("\"a b\" c d")).isEqualTo("a bcd");
    }
}
