package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhooksTest {
    @Test
    void everySpellingOfARepositoryUrlMatches() {
        String canonical = Webhooks.normalizeRepoUrl("https://github.com/u/r");
        for (String url :
                new String[] {
                    "https://github.com/u/r.git",
                    "https://github.com/u/r/",
                    "http://github.com/u/r",
                    "https://github.com/U/R",
                    "git@github.com:u/r.git",
                    "ssh://git@github.com/u/r",
                    "https://token:x@github.com/u/r"
                }) {
            assertThat(Webhooks.normalizeRepoUrl(url)).as(url).isEqualTo(canonical);
        }
        assertThat(Webhooks.normalizeRepoUrl("https://github.com/u/other")).isNotEqualTo(canonical);
        assertThat(Webhooks.normalizeRepoUrl("http://localhost:8080/u/r"))
                .isEqualTo("localhost:8080/u/r");
    }
}
