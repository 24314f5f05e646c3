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

    @Test
    void findsAPartInBytesAsASearchAtEveryPlaceWould() {
        java.util.Random random = new java.util.Random(3);
        byte[] part = "/-/assets/".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String alphabet = "/-/assets/a<>\"é ";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                b.insert(random.nextInt(b.length() + 1), "/-/assets/");
            }
            byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean naive = false;
            for (int i = 0; i + part.length <= bytes.length && !naive; i++) {
                naive = java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length);
            }
            assertThat(StaticExport.contains(bytes, part)).as(b.toString()).isEqualTo(naive);
        }
    }
}
