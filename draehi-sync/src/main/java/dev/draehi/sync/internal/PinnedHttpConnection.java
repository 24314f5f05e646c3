package dev.draehi.sync.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;

/**
 * One HTTP/1.1 exchange with a server at an address checked beforehand: the socket connects to that
 * address, never to the URL's name again, so a name server cannot send the connection elsewhere
 * after the check. TLS still verifies the certificate against the URL's host name and sends it as
 * SNI. Never follows a redirect (JGit follows them itself, through the factory, which checks the
 * new host). No proxy, no keep-alive: {@code Connection: close}, one socket per request.
 */
final class PinnedHttpConnection implements HttpConnection {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final URL url;
    private final InetAddress address;
    private final int port;
    private final Map<String, String> request = new LinkedHashMap<>();
    private String method = "GET";
    private int connectTimeout;
    private int readTimeout;
    private ByteArrayOutputStream body;
    private SSLSocketFactory tls;
    private HostnameVerifier verifier;
    private Socket socket;
    private int status = -1;
    private String reason = "";
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private InputStream in;

    PinnedHttpConnection(URL url, InetAddress address, int port) {
        this.url = url;
        this.address = address;
        this.port = port;
    }

    @Override
    public int getResponseCode() throws IOException {
        exchange();
        return status;
    }

    @Override
    public URL getURL() {
        return url;
    }

    @Override
    public String getResponseMessage() throws IOException {
        exchange();
        return reason;
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
        return headers;
    }

    @Override
    public void setRequestProperty(String key, String value) {
        noLineBreak(key);
        noLineBreak(value);
        request.keySet().removeIf(k -> k.equalsIgnoreCase(key));
        request.put(key, value);
    }

    @Override
    public void setRequestMethod(String method) throws ProtocolException {
        if (!method.matches("[A-Z]{1,16}")) {
            throw new ProtocolException("invalid method " + method);
        }
        this.method = method;
    }

    @Override
    public void setUseCaches(boolean usecaches) {}

    @Override
    public void setConnectTimeout(int timeout) {
        this.connectTimeout = timeout;
    }

    @Override
    public void setReadTimeout(int timeout) {
        this.readTimeout = timeout;
    }

    @Override
    public String getContentType() {
        return getHeaderField("Content-Type");
    }

    @Override
    public InputStream getInputStream() throws IOException {
        exchange();
        return in;
    }

    @Override
    public String getHeaderField(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    @Override
    public List<String> getHeaderFields(String name) {
        List<String> v = headers.get(name);
        return v == null ? List.of() : List.copyOf(v);
    }

    @Override
    public int getContentLength() {
        String v = getHeaderField("Content-Length");
        try {
            return v == null ? -1 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void setInstanceFollowRedirects(boolean followRedirects) {
        // never: JGit follows redirects itself, through the checking factory
    }

    @Override
    public void setDoOutput(boolean dooutput) {
        if (dooutput && body == null) {
            body = new ByteArrayOutputStream();
        }
    }

    @Override
    public void setFixedLengthStreamingMode(int contentLength) {}

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (status != -1) {
            throw new ProtocolException("the request was sent already");
        }
        setDoOutput(true);
        return body;
    }

    @Override
    public void setChunkedStreamingMode(int chunklen) {}

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public boolean usingProxy() {
        return false;
    }

    @Override
    public void connect() throws IOException {
        open();
    }

    @Override
    public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random)
            throws NoSuchAlgorithmException, KeyManagementException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(km, tm, random);
        this.tls = ctx.getSocketFactory();
    }

    @Override
    public void setHostnameVerifier(HostnameVerifier hostnameverifier) {
        this.verifier = hostnameverifier;
    }

    private void open() throws IOException {
        if (socket != null) {
            return;
        }
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(address, port), connectTimeout);
            raw.setSoTimeout(readTimeout);
            if (url.getProtocol().equalsIgnoreCase("https")) {
                socket = handshake(raw);
            } else {
                socket = raw;
            }
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private Socket handshake(Socket raw) throws IOException {
        String host = bareHost();
        SSLSocketFactory f = tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket s = (SSLSocket) f.createSocket(raw, host, port, true);
        SSLParameters p = s.getSSLParameters();
        if (verifier == null) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isLiteral(host)) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        s.setSSLParameters(p);
        s.startHandshake();
        if (verifier != null && !verifier.verify(host, s.getSession())) {
            s.close();
            throw new SSLPeerUnverifiedException("certificate does not match " + host);
        }
        return s;
    }

    /** Sends the request and reads the response's head, once. */
    private void exchange() throws IOException {
        if (status != -1) {
            return;
        }
        open();
        StringBuilder head = new StringBuilder();
        String file = url.getFile();
        noLineBreak(file);
        head.append(method).append(' ').append(file.isEmpty() ? "/" : file).append(" HTTP/1.1\r\n");
        String hostHeader = url.getHost();
        if (url.getPort() != -1 && url.getPort() != url.getDefaultPort()) {
            hostHeader += ":" + url.getPort();
        }
        head.append("Host: ").append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> e : request.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.equals("host")
                    || k.equals("connection")
                    || k.equals("content-length")
                    || k.equals("transfer-encoding")) {
                continue;
            }
            head.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        head.append("Connection: close\r\n");
        byte[] payload = body == null ? null : body.toByteArray();
        if (payload != null) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (payload != null) {
            out.write(payload);
        }
        out.flush();
        InputStream raw = new BufferedInputStream(socket.getInputStream());
        int[] budget = {MAX_HEAD_BYTES};
        do {
            headers.clear();
            String statusLine = line(raw, budget);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new ProtocolException("not an HTTP/1.x response");
            }
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad status line");
            }
            reason = parts.length > 2 ? parts[2] : "";
            for (String l = line(raw, budget); !l.isEmpty(); l = line(raw, budget)) {
                int colon = l.indexOf(':');
                if (colon <= 0) {
                    throw new ProtocolException("bad header line");
                }
                headers.computeIfAbsent(l.substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).strip());
            }
        } while (status >= 100 && status < 200);
        InputStream content;
        if (method.equals("HEAD") || status == 204 || status == 304) {
            content = InputStream.nullInputStream();
        } else if (String.valueOf(getHeaderField("Transfer-Encoding"))
                .toLowerCase(Locale.ROOT)
                .contains("chunked")) {
            content = new Chunked(raw);
        } else if (getContentLength() >= 0) {
            content = new Bounded(raw, getContentLength());
        } else {
            content = raw;
        }
        if (status >= 300) {
            // A refusal's body is small or of no use: read it and let the socket go now.
            byte[] b = content.readNBytes(MAX_ERROR_BODY);
            socket.close();
            in = new ByteArrayInputStream(b);
        } else {
            Socket s = socket;
            in =
                    new FilterInputStream(content) {
                        @Override
                        public void close() throws IOException {
                            s.close();
                        }
                    };
        }
    }

    private static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new EOFException("connection closed in the response head");
            }
            if (--budget[0] < 0) {
                throw new ProtocolException("response head too large");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private String bareHost() {
        String h = url.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static void noLineBreak(String s) {
        if (s != null && (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("line break in an HTTP request");
        }
    }

    /** The first {@code n} bytes of a stream. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long n) {
            super(in);
            this.left = n;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A chunked transfer coding, decoded. */
    private static final class Chunked extends FilterInputStream {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                int[] budget = {MAX_HEAD_BYTES};
                String size = line(in, budget);
                int semi = size.indexOf(';');
                try {
                    left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new ProtocolException("bad chunk size");
                }
                if (left == 0) {
                    while (!line(in, budget).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("connection closed in a chunk");
            }
            left -= n;
            if (left == 0) {
                int[] budget = {2};
                line(in, budget);
            }
            return n;
        }
    }
}
