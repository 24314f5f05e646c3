package dev.draehi.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS over a connection pinned to a checked address: the certificate is still verified against
 * the URL's host name, which is also the SNI and the Host header.
 */
class PinnedHttpConnectionTest {
    @TempDir Path tmp;

    @Test
    void tlsToThePinnedAddressVerifiesTheUrlsName() throws Exception {
        Path ks = tmp.resolve("ks.p12");
        Process keytool =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "git",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=git.example",
                                "-ext",
                                "SAN=dns:git.example",
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                ks.toString(),
                                "-storepass",
                                "changeit")
                        .redirectErrorStream(true)
                        .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("git", store.getCertificate("git"));
        tmf.init(trusted);

        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext(
                "/",
                ex -> {
                    hosts.add(ex.getRequestHeaders().getFirst("Host"));
                    byte[] b = "hello".getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, b.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(b);
                    }
                });
        server.start();
        int port = server.getAddress().getPort();
        InetAddress pinned = InetAddress.getByName("127.0.0.1");
        try {
            // git.example does not resolve: the connection goes to the pinned address only.
            PinnedHttpConnection ok =
                    new PinnedHttpConnection(
                            new URL("https://git.example:" + port + "/x/info/refs"), pinned, port);
            ok.configure(null, tmf.getTrustManagers(), null);
            ok.setConnectTimeout(5000);
            ok.setReadTimeout(5000);
            assertThat(ok.getResponseCode()).isEqualTo(200);
            try (InputStream in = ok.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello");
            }
            assertThat(hosts).containsExactly("git.example:" + port);

            // Another name at the same address: its certificate does not match, nothing is sent.
            PinnedHttpConnection other =
                    new PinnedHttpConnection(
                            new URL("https://other.example:" + port + "/x/info/refs"),
                            pinned,
                            port);
            other.configure(null, tmf.getTrustManagers(), null);
            other.setConnectTimeout(5000);
            other.setReadTimeout(5000);
            assertThatThrownBy(other::getResponseCode).isInstanceOf(SSLHandshakeException.class);
            assertThat(hosts).hasSize(1);
        } finally {
            server.stop(0);
        }
    }
}
