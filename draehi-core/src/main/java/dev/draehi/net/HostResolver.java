package dev.draehi.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses a connection may go to. The system's resolver in production;
 * a test stands a map in for DNS, and may answer differently from one call to the next as a
 * rebinding name server does.
 */
@FunctionalInterface
public interface HostResolver {
    /**
     * Every address of {@code host} (a name, or an IPv4 or IPv6 literal without brackets); never
     * empty.
     *
     * @throws UnknownHostException when the name has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system's resolver ({@link InetAddress#getAllByName}). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
