package dev.draehi.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {
    static final NetworkPolicy POLICY = NetworkPolicy.publicOnly();

    static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.0.9",
                "0.0.0.0",
                "0.1.2.3",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "100.64.0.1",
                "100.127.255.254",
                "169.254.169.254",
                "192.0.0.8",
                "192.0.2.10",
                "198.51.100.7",
                "203.0.113.99",
                "198.18.0.1",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::127.0.0.1",
                "64:ff9b::7f00:1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::1",
                "2002:7f00:1::1",
                "2001:0:4136:e378::1",
                "2001:db8::1",
                "3fff::1",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "100::1"
            })
    void refusesTheServersOwnAndSpecialRanges(String literal) throws Exception {
        InetAddress a = ip(literal);
        assertThat(NetworkPolicy.specialRange(a)).as(literal).isNotNull();
        assertThat(POLICY.permits(a, 443)).as(literal).isFalse();
        // A raw 16-byte form is refused as well as the address Java turned it into.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        if (a.getAddress().length == 4) {
            System.arraycopy(a.getAddress(), 0, mapped, 12, 4);
            assertThat(
                            NetworkPolicy.specialRange(
                                    java.net.Inet6Address.getByAddress(null, mapped, -1)))
                    .as(literal)
                    .isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "93.184.215.14",
                "140.82.112.3",
                "172.32.0.1",
                "100.128.0.1",
                "192.0.3.1",
                "::ffff:140.82.112.3",
                "64:ff9b::8c52:7003",
                "2606:4700::1111",
                "2a00:1450:4001::200e"
            })
    void permitsPublicAddresses(String literal) throws Exception {
        assertThat(NetworkPolicy.specialRange(ip(literal))).as(literal).isNull();
        assertThat(POLICY.permits(ip(literal), 443)).isTrue();
    }

    @Test
    void oneRefusedAddressRefusesTheName() throws Exception {
        HostResolver dns =
                host ->
                        Map.of("both.example", List.of(ip("93.184.215.14"), ip("10.0.0.1")))
                                .get(host);
        assertThatThrownBy(() -> POLICY.check("both.example", 443, dns))
                .isInstanceOf(RefusedHostException.class)
                .hasMessageContaining("10.0.0.1")
                .hasMessageContaining("private");
        assertThat(POLICY.check("[2606:4700::1111]", 443, HostResolver.system()))
                .containsExactly(ip("2606:4700::1111"));
        assertThat(NetworkPolicy.unrestricted().check("127.0.0.1", 80, HostResolver.system()))
                .containsExactly(ip("127.0.0.1"));
    }

    @Test
    void anOperatorMayAllowOneAddressAndPort() throws Exception {
        NetworkPolicy p = POLICY.allowing(ip("127.0.0.1"), 3000);
        assertThat(p.permits(ip("127.0.0.1"), 3000)).isTrue();
        assertThat(p.permits(ip("::ffff:127.0.0.1"), 3000)).isTrue();
        assertThat(p.permits(ip("127.0.0.1"), 3001)).isFalse();
        assertThat(p.permits(ip("10.0.0.1"), 3000)).isFalse();
    }
}
