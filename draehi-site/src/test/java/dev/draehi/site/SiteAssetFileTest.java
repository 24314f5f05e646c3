package dev.draehi.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assets found by an {@link AssetSource} are answered as their file, read when sent. */
class SiteAssetFileTest {
    @TempDir Path graph;

    @Test
    void anAssetOfAnAssetSourceIsItsFileReadWhenAsked() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws =
                storage.workspaces().create(storage.users().create("ada", "h").id(), "notes");
        storage.inTransaction(
                s -> {
                    s.nodes()
                            .replaceAll(
                                    ws.id(), new WorkspaceContent(List.of(), List.of(), List.of()));
                    return s.deployments()
                            .create(ws.id(), "1".repeat(40), DeploymentStatus.SUCCESS);
                });
        Path video = Files.createDirectories(graph.resolve("assets")).resolve("talk.mp4");
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(video, bytes);
        Site site = Site.builder(storage).assets((w, p) -> Optional.of(graph.resolve(p))).build();

        SiteResponse r = site.get("/notes/-/assets/talk.mp4");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("video/mp4");
        assertThat(r.file()).isEqualTo(video);
        assertThat(r.length()).isEqualTo(bytes.length);
        assertThat(r.body()).isEqualTo(bytes);
        assertThat(r.headers()).containsKeys("ETag", "X-Content-Type-Options");
        // cached as the file, not its bytes: a gzip-accepting client gets the same
        SiteResponse again = site.getCompressed("/notes/-/assets/talk.mp4");
        assertThat(again.file()).isEqualTo(video);
        assertThat(again.headers()).doesNotContainKey("Content-Encoding");
        assertThat(again.headers().get("ETag")).isEqualTo(r.headers().get("ETag"));
    }

    @Test
    void assetsABrowserCouldRunAreSandboxedAndDownloaded() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws =
                storage.workspaces().create(storage.users().create("ada", "h").id(), "notes");
        storage.inTransaction(
                s -> {
                    s.nodes()
                            .replaceAll(
                                    ws.id(), new WorkspaceContent(List.of(), List.of(), List.of()));
                    return s.deployments()
                            .create(ws.id(), "1".repeat(40), DeploymentStatus.SUCCESS);
                });
        Path assets = Files.createDirectories(graph.resolve("assets"));
        for (String name : List.of("x.html", "x.HTM", "x.svg", "x.js", "x.mjs", "x.xml", "x.png")) {
            Files.writeString(assets.resolve(name), "<script>alert(1)</script>");
        }
        Site site = Site.builder(storage).assets((w, p) -> Optional.of(graph.resolve(p))).build();
        for (String name : List.of("x.html", "x.HTM", "x.svg", "x.js", "x.mjs", "x.xml")) {
            SiteResponse r = site.get("/notes/-/assets/" + name);
            assertThat(r.status()).as(name).isEqualTo(200);
            assertThat(r.headers())
                    .as(name)
                    .containsEntry("Content-Disposition", "attachment")
                    .containsEntry("Content-Security-Policy", "sandbox")
                    .containsEntry("X-Content-Type-Options", "nosniff");
        }
        SiteResponse png = site.get("/notes/-/assets/x.png");
        assertThat(png.headers())
                .doesNotContainKey("Content-Disposition")
                .containsEntry("Content-Security-Policy", "sandbox");
    }

    @Test
    void aResponseIsItsBytesOrAFileAndReadsTheFileOnlyWhenAsked() throws Exception {
        Path f = graph.resolve("notes.svg");
        Files.writeString(f, "<svg>" + " ".repeat(2000) + "</svg>");
        SiteResponse r = SiteResponse.file(200, "image/svg+xml", f, Map.of());
        assertThat(r.compressible()).isTrue();
        assertThat(r.bodyText()).startsWith("<svg>");
        assertThat(r.withHeaders(Map.of("ETag", "\"1\"")).file()).isEqualTo(f);
        assertThat(SiteResponse.html("<p>x</p>").file()).isNull();
        assertThatThrownBy(() -> new SiteResponse(200, "text/plain", new byte[1], Map.of(), f))
                .isInstanceOf(IllegalArgumentException.class);
        Files.delete(f);
        assertThat(r.compressible()).isFalse();
        assertThatThrownBy(r::body).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(r::length).isInstanceOf(UncheckedIOException.class);
    }
}
