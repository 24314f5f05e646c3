package dev.draehi.sync.internal;

import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.net.RefusedHostException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * JGit's HTTP connections under a {@link NetworkPolicy}. JGit hands every URL it is about to open
 * here, the first request's and each redirect's, parsed as it will use it: the host is resolved
 * once, every address it has is checked, and the connection goes to a checked address ({@link
 * PinnedHttpConnection}). A proxy JGit would use is not: the connection is direct.
 */
public final class GuardedConnections implements HttpConnectionFactory {
    private final NetworkPolicy policy;
    private final HostResolver resolver;

    public GuardedConnections(NetworkPolicy policy, HostResolver resolver) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedHostException("refused a " + scheme + " URL: only http and https");
        }
        int port = url.getPort() == -1 ? url.getDefaultPort() : url.getPort();
        List<InetAddress> checked = policy.check(url.getHost(), port, resolver);
        return new PinnedHttpConnection(url, checked.get(0), port);
    }
}
