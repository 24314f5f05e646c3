package dev.draehi.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the server reads request headers. */
class NegotiationTest {
    @Test
    void gzipIsSentToClientsThatAcceptIt() {
        assertThat(Negotiation.acceptsGzip("gzip")).isTrue();
        assertThat(Negotiation.acceptsGzip("br, GZIP;q=0.8, deflate")).isTrue();
        assertThat(Negotiation.acceptsGzip("*")).isTrue();
        assertThat(Negotiation.acceptsGzip(null)).isFalse();
        assertThat(Negotiation.acceptsGzip("identity")).isFalse();
        assertThat(Negotiation.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(Negotiation.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(Negotiation.acceptsGzip("gzipx")).isFalse();
        assertThat(Negotiation.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(Negotiation.acceptsGzip("deflate, br,gzip")).isTrue();
        assertThat(Negotiation.acceptsGzip(" x-gzip ;q=0.5")).isTrue();
        assertThat(Negotiation.acceptsGzip("br;q=1.0, gzip;q=0.0")).isFalse();
        assertThat(Negotiation.acceptsGzip("deflate, *;q=0")).isFalse();
        assertThat(Negotiation.acceptsGzip("")).isFalse();
        assertThat(Negotiation.acceptsGzip(",,")).isFalse();
    }

    @Test
    void ifNoneMatchNamesTheEtagWeakOrStrongOrAny() {
        assertThat(Negotiation.matches("\"a\", \"7-1f\"", "\"7-1f\"")).isTrue();
        assertThat(Negotiation.matches("W/\"7-1f\"", "\"7-1f\"")).isTrue();
        assertThat(Negotiation.matches("*", "\"7-1f\"")).isTrue();
        assertThat(Negotiation.matches("\"7-1e\"", "\"7-1f\"")).isFalse();
        assertThat(Negotiation.matches(null, "\"7-1f\"")).isFalse();
    }

    @Test
    void ifRangeHoldsOnlyForTheStrongEtagOrTheExactDate() {
        String date = "Tue, 06 Jan 2026 10:00:00 GMT";
        assertThat(Negotiation.ifRangeHolds(null, "\"1\"", date)).isTrue();
        assertThat(Negotiation.ifRangeHolds("\"1\"", "\"1\"", date)).isTrue();
        assertThat(Negotiation.ifRangeHolds("\"2\"", "\"1\"", date)).isFalse();
        assertThat(Negotiation.ifRangeHolds("W/\"1\"", "\"1\"", date)).isFalse();
        assertThat(Negotiation.ifRangeHolds(date, "\"1\"", date)).isTrue();
        assertThat(Negotiation.ifRangeHolds("Wed, 07 Jan 2026 10:00:00 GMT", "\"1\"", date))
                .isFalse();
        assertThat(Negotiation.ifRangeHolds("\"1\"", null, null)).isFalse();
    }
}
