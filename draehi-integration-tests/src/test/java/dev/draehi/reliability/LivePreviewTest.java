package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code draehi serve DIR --watch}, as a writer uses it: the graph folder is a git repository,
 * edits are saved and not committed, and the open page hears that it should reload and then shows
 * the edit.
 */
@Tag("slow")
class LivePreviewTest {
    static final Pattern SERVING = Pattern.compile("serving 1 workspace\\(s\\) at (http://\\S+/)");

    @TempDir Path tmp;
    Process serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.destroyForcibly();
        }
    }

    @Test
    void aSavedEditReloadsTheOpenPageAndShowsIt() throws Exception {
        Path graph = Files.createDirectories(tmp.resolve("notes/pages"));
        Files.writeString(graph.resolve("Garden.md"), "- first thought\n");
        Files.writeString(graph.resolve("Other.md"), "- see [[Garden]]\n");
        git(graph.getParent(), "init", "-q", "-b", "main");
        git(graph.getParent(), "add", "-A");
        git(
                graph.getParent(),
                "-c",
                "user.name=Ada",
                "-c",
                "user.email=a@example.org",
                "commit",
                "-qm",
                "notes");

        Path log = tmp.resolve("serve.log");
        serve =
                ChildJvm.cli(
                        log,
                        "serve",
                        graph.getParent().toString(),
                        "--watch",
                        "--port",
                        "0",
                        "--checkout-dir",
                        tmp.resolve("co").toString());
        String base = awaitLog(log, SERVING, Duration.ofMinutes(2)).group(1);
        HttpClient http = HttpClient.newHttpClient();
        String page = get(http, base + "notes/garden");
        assertThat(page).contains("first thought", "<script src=\"/-/draehi-live.js\" defer>");
        assertThat(get(http, base + "-/draehi-live.js")).contains("EventSource", "location.reload");

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "-/draehi-live")).build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(
                        new java.util.concurrent.Flow.Subscriber<String>() {
                            @Override
                            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                                s.request(Long.MAX_VALUE);
                            }

                            @Override
                            public void onNext(String line) {
                                events.add(line);
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onComplete() {}
                        }));
        assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("retry: 300");

        long saved = System.nanoTime();
        Files.writeString(graph.resolve("Garden.md"), "- first thought\n- a saved edit\n");
        String line;
        do {
            line = events.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("no reload event; log:%n%s", Files.readString(log)).isNotNull();
        } while (!line.equals("event: reload"));
        long millis = (System.nanoTime() - saved) / 1_000_000;
        System.out.println("live preview: saved file to reload event in " + millis + " ms");

        assertThat(get(http, base + "notes/garden")).contains("a saved edit");
        assertThat(Files.readString(log)).contains("draehi: synced in");

        // a new page, then a deleted one: each re-read alone, each reloads
        Files.writeString(graph.resolve("Seedling.md"), "- a new page, see [[Garden]]\n");
        awaitReload(events, log);
        assertThat(get(http, base + "notes/seedling")).contains("a new page");
        assertThat(get(http, base + "notes/garden")).contains("Seedling");
        Files.delete(graph.resolve("Other.md"));
        awaitReload(events, log);
        assertThat(status(http, base + "notes/other")).isEqualTo(404);
        // a folder moved in: its files sent no events, so the whole graph is read
        Path outside = Files.createDirectories(tmp.resolve("moved"));
        Files.writeString(outside.resolve("Moved In.md"), "- came with its folder\n");
        Files.move(outside, graph.resolve("sub"));
        awaitReload(events, log);
        assertThat(get(http, base + "notes/moved-in")).contains("came with its folder");
        assertThat(Files.readString(log)).contains("re-reading 1 changed files");
    }

    static void awaitReload(BlockingQueue<String> events, Path log) throws Exception {
        String line;
        do {
            line = events.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("no reload event; log:%n%s", Files.readString(log)).isNotNull();
        } while (!line.equals("event: reload"));
    }

    static int status(HttpClient http, String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    static Matcher awaitLog(Path log, Pattern p, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = p.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + p + "' in the log:\n" + Files.readString(log));
    }

    static void git(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
