package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.ValidationException;
import org.junit.jupiter.api.Test;

/** What a custom domain may be, and how hosts and TXT records are read. */
class DomainsTest {
    @Test
    void domainsAreLowerCasePunycodeWithoutTrailingDot() {
        assertThat(Domains.normalize(" Notes.Example.COM. ")).isEqualTo("notes.example.com");
        assertThat(Domains.normalize("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(Domains.normalize("a-b.c-d.example")).isEqualTo("a-b.c-d.example");
    }

    @Test
    void portsWildcardsAddressesAndNonNamesAreRefused() {
        for (String bad :
                new String[] {
                    "",
                    "example",
                    "notes.example:443",
                    "*.example.com",
                    "https://notes.example",
                    "notes.example/x",
                    "user@notes.example",
                    "192.168.0.1",
                    "[::1]",
                    "-a.example",
                    "a-.example",
                    "a..example",
                    "a_b.example",
                    "a b.example",
                    "x".repeat(64) + ".example"
                }) {
            assertThatThrownBy(() -> Domains.normalize(bad))
                    .as(bad)
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void hostHeadersLoseTheirPortAndCase() {
        assertThat(Domains.hostOf("Notes.Example:8443")).isEqualTo("notes.example");
        assertThat(Domains.hostOf("notes.example., other")).isEqualTo("notes.example");
        assertThat(Domains.hostOf("[::1]:80")).isEqualTo("[::1]:80");
        assertThat(Domains.hostOf(null)).isEmpty();
    }

    @Test
    void txtRecordsOfSeveralStringsAreJoined() {
        assertThat(TxtLookup.unquote("\"draehi-abc\"")).isEqualTo("draehi-abc");
        assertThat(TxtLookup.unquote("\"draehi-\" \"abc\"")).isEqualTo("draehi-abc");
        assertThat(TxtLookup.unquote("\"a\\\"b\"")).isEqualTo("a\"b");
        assertThat(TxtLookup.unquote("plain")).isEqualTo("plain");
    }
}
