package dev.draehi.reliability;

import static dev.draehi.reliability.LivePreviewTest.awaitLog;
import static dev.draehi.reliability.LivePreviewTest.get;
import static dev.draehi.reliability.LivePreviewTest.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code draehi serve REPO --poll N}: a commit pushed to the repository is published by the next
 * poll, which queues its sync as a push does.
 */
@Tag("slow")
class PollSyncTest {
    @TempDir Path tmp;
    Process serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.destroyForcibly();
        }
    }

    @Test
    void aCommitIsPublishedByTheNextPoll() throws Exception {
        Path repo = tmp.resolve("notes");
        Path pages = Files.createDirectories(repo.resolve("pages"));
        Files.writeString(pages.resolve("Garden.md"), "- first thought\n");
        git(repo, "init", "-q", "-b", "main");
        commit(repo, "notes");

        Path log = tmp.resolve("serve.log");
        serve =
                ChildJvm.cli(
                        log,
                        "serve",
                        repo.toString(),
                        "--poll",
                        "1",
                        "--port",
                        "0",
                        "--checkout-dir",
                        tmp.resolve("co").toString());
        String base = awaitLog(log, LivePreviewTest.SERVING, Duration.ofMinutes(2)).group(1);
        HttpClient http = HttpClient.newHttpClient();
        String workspace = base + "notes/garden";
        assertThat(get(http, workspace)).contains("first thought");

        Files.writeString(pages.resolve("Garden.md"), "- first thought\n- a pushed edit\n");
        commit(repo, "edit");
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String page = get(http, workspace);
        while (!page.contains("a pushed edit") && System.nanoTime() < end) {
            Thread.sleep(200);
            page = get(http, workspace);
        }
        assertThat(page).as("log:%n%s", Files.readString(log)).contains("a pushed edit");
    }

    private static void commit(Path repo, String message) throws Exception {
        git(repo, "add", "-A");
        git(
                repo,
                "-c",
                "user.name=Ada",
                "-c",
                "user.email=a@example.org",
                "commit",
                "-qm",
                message);
    }
}
