package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.SyncJob;
import dev.draehi.model.SyncJobStatus;
import dev.draehi.model.Workspace;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes on one database take 50 signed pushes to three repositories, spread
 * over both; one is killed with SIGKILL half-way. Every push is answered 202 once its job is
 * committed, and every repository's last commit ends up published by the survivor: no accepted push
 * is lost, and none runs twice at a time.
 */
@Tag("slow")
class TwoProcessQueueTest {
    static final String SECRET = "two-process-secret";
    static final int PUSHES = 50;
    static final int REPOS = 3;
    static final PersonIdent AUTHOR = new PersonIdent("Queue Test", "queue@example.com");

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path tmp;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(600)
    void pushesSpreadOverTwoServersSurviveTheKillOfOne() throws Exception {
        List<Path> repos = new ArrayList<>();
        Map<Long, Path> byWorkspace = new LinkedHashMap<>();
        try (JdbiStorage storage = JdbiStorage.builder(PG.jdbcUrl()).build()) {
            for (int r = 0; r < REPOS; r++) {
                Path repo = tmp.resolve("repo" + r);
                Files.createDirectories(repo.resolve("pages"));
                Files.writeString(repo.resolve("pages/home.md"), "- home of repo " + r + "\n");
                commit(repo, "first");
                repos.add(repo);
                Workspace ws = LocalWorkspace.ensure(storage, "repo" + r, repo.toString());
                byWorkspace.put(ws.id(), repo);
            }
        }

        int[] ports = {freePort(), freePort()};
        List<Process> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            servers.add(serve(i, ports[i]));
        }
        for (int i = 0; i < 2; i++) {
            waitForLog(tmp.resolve("serve-" + i + ".log"), "draehi: serving", servers.get(i));
        }

        Map<Path, String> lastCommit = new LinkedHashMap<>();
        int[] pushesTo = new int[REPOS];
        int killedAt = PUSHES / 2;
        int toDead = 0;
        for (int n = 0; n < PUSHES; n++) {
            if (n == killedAt) {
                servers.get(1).destroyForcibly();
                assertThat(servers.get(1).waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            int r = n % REPOS;
            Path repo = repos.get(r);
            Files.writeString(repo.resolve("pages/push-" + n + ".md"), "- push " + n + "\n");
            lastCommit.put(repo, commit(repo, "push " + n));
            pushesTo[r]++;
            int server = n < killedAt ? n % 2 : 0;
            if (server == 1) {
                toDead++;
            }
            HttpResponse<String> res = push(ports[server], repo);
            assertThat(res.statusCode()).as("push %d: %s", n, res.body()).isEqualTo(202);
        }

        // Every repository's last commit published, every job ended.
        try (JdbiStorage storage = JdbiStorage.builder(PG.jdbcUrl()).build()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline
                    && !allPublished(storage, byWorkspace, lastCommit)) {
                Thread.sleep(200);
            }
            assertThat(allPublished(storage, byWorkspace, lastCommit))
                    .as(log(tmp.resolve("serve-0.log")))
                    .isTrue();
            int syncs = 0;
            int takenOver = 0;
            for (long ws : byWorkspace.keySet()) {
                List<SyncJob> jobs = storage.syncJobs().list(ws);
                assertThat(jobs).allMatch(j -> j.status() == SyncJobStatus.DONE);
                takenOver += (int) jobs.stream().filter(j -> j.attempts() > 1).count();
                List<Deployment> ds = storage.deployments().list(ws);
                assertThat(ds)
                        .noneMatch(
                                d ->
                                        d.status() == DeploymentStatus.PENDING
                                                || d.status() == DeploymentStatus.BUILDING);
                syncs += ds.size();
                // coalesced: never more syncs than pushes (plus one the killed process left)
                int r = repos.indexOf(byWorkspace.get(ws));
                assertThat(ds.size()).isLessThanOrEqualTo(pushesTo[r] + 1);
            }
            System.out.printf(
                    "two-process queue: %d pushes (%d to the server killed after push %d), all %d"
                            + " repositories' last commits published; %d deployments, %d jobs"
                            + " taken over from the killed server%n",
                    PUSHES, toDead, killedAt, REPOS, syncs, takenOver);
        } finally {
            for (Process p : servers) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean allPublished(
            JdbiStorage storage, Map<Long, Path> byWorkspace, Map<Path, String> lastCommit) {
        for (Map.Entry<Long, Path> e : byWorkspace.entrySet()) {
            String shown =
                    storage.deployments()
                            .latestSuccessful(e.getKey())
                            .map(Deployment::commitSha)
                            .orElse("");
            if (!shown.equals(lastCommit.get(e.getValue()))) {
                return false;
            }
            boolean open =
                    storage.syncJobs().list(e.getKey()).stream()
                            .anyMatch(j -> !j.status().isFinal());
            if (open) {
                return false;
            }
        }
        return true;
    }

    private Process serve(int i, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb =
                new ProcessBuilder(
                        java,
                        "-cp",
                        cp,
                        "dev.draehi.cli.Main",
                        "serve",
                        "--database-url",
                        PG.jdbcUrl(),
                        "--webhook-secret",
                        SECRET,
                        "--port",
                        Integer.toString(port),
                        "--checkout-dir",
                        tmp.resolve("co-" + i).toString());
        pb.environment().put("DRAEHI_SYNC_LEASE_SECONDS", "3");
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("serve-" + i + ".log").toFile());
        return pb.start();
    }

    private HttpResponse<String> push(int port, Path repo) throws Exception {
        byte[] body =
                ("{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\""
                                + repo.toString().replace("\\", "\\\\")
                                + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequest req =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/git"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", "push")
                        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                        .header(
                                "X-Hub-Signature-256",
                                "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String commit(Path repo, String message) throws Exception {
        try (Git git =
                Files.exists(repo.resolve(".git"))
                        ? Git.open(repo.toFile())
                        : Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            return git.commit()
                    .setAuthor(AUTHOR)
                    .setCommitter(AUTHOR)
                    .setMessage(message)
                    .call()
                    .getName();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForLog(Path log, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + log + ":\n" + log(log));
    }

    private static String log(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.ISO_8859_1);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
