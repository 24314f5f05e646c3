package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostingRequestTest {

    @Test
    void parsesCookiesAndUrlEncodedForms() {
        assertThat(HostingRequest.parseCookies("a=1; draehi_session=abc_-; b=\"q\"; a=2"))
                .containsExactly(
                        java.util.Map.entry("a", "1"),
                        java.util.Map.entry("draehi_session", "abc_-"),
                        java.util.Map.entry("b", "q"));
        assertThat(HostingRequest.parseForm("name=Ada%27s+notes&slug=&x&bad=%zz&name=again"))
                .containsEntry("name", "Ada's notes")
                .containsEntry("slug", "")
                .containsEntry("x", "")
                .containsEntry("bad", "")
                .hasSize(4);
    }

    @Test
    void headerNamesIgnoreCaseAndToStringHidesTheForm() {
        HostingRequest r =
                HostingRequest.builder("post", "/-/login")
                        .header("X-Forwarded-Proto", "https")
                        .field("password", "hunter2 hunter2")
                        .cookie("draehi_session", "tok")
                        .query("m=logged-out")
                        .build();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("x-forwarded-proto")).isEqualTo("https");
        assertThat(r.queryParam("m")).isEqualTo("logged-out");
        assertThat(r.field("missing")).isEmpty();
        assertThat(r.toString()).doesNotContain("hunter2", "tok");
    }
}
