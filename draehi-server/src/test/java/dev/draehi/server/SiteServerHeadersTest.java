package dev.draehi.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the server reads request headers. */
class SiteServerHeadersTest {
    @Test
    void gzipIsSentToClientsThatAcceptIt() {
        assertThat(SiteServer.acceptsGzip("gzip")).isTrue();
        assertThat(SiteServer.acceptsGzip("br, GZIP;q=0.8, deflate")).isTrue();
        assertThat(SiteServer.acceptsGzip("*")).isTrue();
        assertThat(SiteServer.acceptsGzip(null)).isFalse();
        assertThat(SiteServer.acceptsGzip("identity")).isFalse();
        assertThat(SiteServer.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(SiteServer.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(SiteServer.acceptsGzip("gzipx")).isFalse();
    }
}
