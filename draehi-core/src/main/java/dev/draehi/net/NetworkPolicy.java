package dev.draehi.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which addresses a server may connect to on behalf of its users. {@link #publicOnly()} refuses
 * every address of the server's own networks and every special range: loopback, unspecified,
 * private (RFC 1918), carrier-grade NAT, link-local, multicast, reserved, benchmarking, the
 * documentation ranges (TEST-NET-1/2/3, {@code 2001:db8::/32}, {@code 3fff::/20}), unique-local and
 * site-local IPv6, and IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64,
 * 6to4) whenever the address they carry is refused; Teredo and local-use NAT64 always.
 *
 * <p>The decision is made on addresses, not names: a caller resolves a host once with {@link
 * #check}, which checks every address, and then connects to one of the addresses it returned, not
 * to the name again, so that a name server cannot answer one address to the check and another to
 * the connection.
 *
 * <pre>{@code
 * List<InetAddress> ok = NetworkPolicy.publicOnly().check(host, 443, HostResolver.system());
 * socket.connect(new InetSocketAddress(ok.get(0), 443), timeout);
 * }</pre>
 */
public final class NetworkPolicy {
    private static final NetworkPolicy UNRESTRICTED = new NetworkPolicy(false, Set.of());
    private static final NetworkPolicy PUBLIC_ONLY = new NetworkPolicy(true, Set.of());

    private final boolean restricted;
    private final Set<String> allowed; // "address port"

    private NetworkPolicy(boolean restricted, Set<String> allowed) {
        this.restricted = restricted;
        this.allowed = allowed;
    }

    /** Every address is permitted: for a server whose users are trusted. */
    public static NetworkPolicy unrestricted() {
        return UNRESTRICTED;
    }

    /** Only public addresses are permitted (see the class comment). */
    public static NetworkPolicy publicOnly() {
        return PUBLIC_ONLY;
    }

    /**
     * This policy, also permitting one address and port: an operator's own git server on the
     * private network.
     */
    public NetworkPolicy allowing(InetAddress address, int port) {
        Objects.requireNonNull(address, "address");
        var set = new java.util.HashSet<>(allowed);
        set.add(key(address, port));
        return new NetworkPolicy(restricted, Set.copyOf(set));
    }

    /** False for {@link #unrestricted()}: then any transport may be used. */
    public boolean restricted() {
        return restricted;
    }

    /** Whether a connection to this address and port is permitted. */
    public boolean permits(InetAddress address, int port) {
        return !restricted || allowed.contains(key(address, port)) || specialRange(address) == null;
    }

    /**
     * Resolves {@code host} once and checks every address it has; the addresses, to connect to one
     * of them. One refused address refuses the host: a name that answers both a public and a
     * private address is not trusted with either.
     *
     * @param host a name, or an address literal (IPv6 with or without brackets)
     * @throws RefusedHostException when an address is refused
     * @throws UnknownHostException when the name does not resolve
     */
    public List<InetAddress> check(String host, int port, HostResolver resolver)
            throws RefusedHostException, UnknownHostException {
        Objects.requireNonNull(host, "host");
        String h =
                host.startsWith("[") && host.endsWith("]")
                        ? host.substring(1, host.length() - 1)
                        : host;
        if (h.isEmpty()) {
            throw new UnknownHostException("no host");
        }
        List<InetAddress> addresses = resolver.resolve(h);
        if (addresses == null || addresses.isEmpty()) {
            throw new UnknownHostException(h);
        }
        for (InetAddress a : addresses) {
            if (!permits(a, port)) {
                throw new RefusedHostException(
                        "refused to connect to "
                                + h
                                + " ("
                                + a.getHostAddress()
                                + ", "
                                + specialRange(a)
                                + "): this server fetches only from public hosts");
            }
        }
        return List.copyOf(addresses);
    }

    /**
     * The name of the special range an address is in ({@code "loopback"}, {@code "private"}, {@code
     * "documentation"}, …), or null for a public address.
     */
    public static String specialRange(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? v4(b, 0) : v6(b);
    }

    private static String v4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        if (a0 == 0) {
            return "unspecified";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "carrier-grade NAT";
        }
        if (a0 == 127) {
            return "loopback";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "IETF protocol assignments";
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "documentation";
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) {
            return "6to4 relay";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "benchmarking";
        }
        if ((a0 & 0xf0) == 224) {
            return "multicast";
        }
        if ((a0 & 0xf0) == 240) {
            return "reserved";
        }
        return null;
    }

    private static String v6(byte[] b) {
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= b[i] == 0;
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (zero80 && b[10] == 0 && b[11] == 0) {
            boolean zero = true;
            for (int i = 12; i < 15; i++) {
                zero &= b[i] == 0;
            }
            if (zero && b[15] == 0) {
                return "unspecified";
            }
            if (zero && b[15] == 1) {
                return "loopback";
            }
            return embedded(b, 12, "IPv4-compatible");
        }
        if (zero80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        if (w0 == 0x64 && w1 == 0xff9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            return wellKnown ? embedded(b, 12, "NAT64") : "NAT64";
        }
        if (w0 == 0x100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return "discard-only";
        }
        if (w0 == 0x2001 && w1 == 0) {
            return "Teredo";
        }
        if (w0 == 0x2001 && w1 == 0xdb8) {
            return "documentation";
        }
        if (w0 == 0x3fff && (w1 & 0xf000) == 0) {
            return "documentation";
        }
        if (w0 == 0x2002) {
            return embedded(b, 2, "6to4");
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return "unique-local";
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return "link-local";
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return "site-local";
        }
        if ((w0 & 0xff00) == 0xff00) {
            return "multicast";
        }
        return null;
    }

    /** The range of the IPv4 address carried at {@code at}, named with its carrier, or null. */
    private static String embedded(byte[] b, int at, String carrier) {
        String r = v4(b, at);
        return r == null ? null : carrier + " " + r;
    }

    private static String key(InetAddress a, int port) {
        InetAddress plain = a;
        if (!(a instanceof Inet4Address)) {
            try {
                plain = InetAddress.getByAddress(a.getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return plain.getHostAddress() + " " + port;
    }
}
