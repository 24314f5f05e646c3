package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticExportTest {
    @Test
    void urlPathsMapToIndexFilesOrThemselves() {
        assertThat(StaticExport.fileFor("/")).isEqualTo("index.html");
        assertThat(StaticExport.fileFor("/docs/")).isEqualTo("docs/index.html");
        assertThat(StaticExport.fileFor("/docs/a/b")).isEqualTo("docs/a/b/index.html");
        assertThat(StaticExport.fileFor("/sitemap.xml")).isEqualTo("sitemap.xml");
        assertThat(StaticExport.fileFor("/docs/-/static/draehi.css"))
                .isEqualTo("docs/-/static/draehi.css");
        assertThat(StaticExport.fileFor("/docs/-/static/katex/LICENSE"))
                .isEqualTo("docs/-/static/katex/LICENSE");
        assertThat(StaticExport.fileFor("/docs/-/assets/README")).isEqualTo("docs/-/assets/README");
    }
}
