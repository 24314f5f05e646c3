package dev.draehi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.server.WebhookHandler.Outcome;
import dev.draehi.server.WebhookHandler.Result;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    InMemoryStorage storage = new InMemoryStorage();
    Accounts accounts = Accounts.builder(storage).cost(10).build();
    Publisher publisher =
            Publisher.builder()
                    .storage(storage)
                    .source(
                            new FakeGraphSource(
                                    new Graph(
                                            SHA,
                                            GraphConfig.DEFAULTS,
                                            List.of(Page.generated("home")),
                                            Map.of(),
                                            List.of())))
                    .renderer((page, ctx) -> new RenderedPage(List.of(), List.of()))
                    .build();
    WebhookHandler handler =
            WebhookHandler.builder(storage, publisher).executor(Runnable::run).build();
    long ada;
    long bob;
    String adaSecret;
    String bobSecret;

    @BeforeEach
    void twoWorkspaces() {
        ada = accounts.signUp("ada", "password-1").workspace().id();
        bob = accounts.signUp("bob", "password-1").workspace().id();
        accounts.connectRepository(ada, "https://github.com/Ada/notes.git", "main", null);
        accounts.connectRepository(bob, "https://github.com/bob/wiki", "pages", null);
        adaSecret = accounts.newWebhookSecret(ada);
        bobSecret = accounts.newWebhookSecret(bob);
    }

    @Test
    void signedPushSyncsOnlyTheMatchingWorkspace() {
        byte[] body = push("https://github.com/ada/notes", "refs/heads/main");
        Result r = handler.handle(github(body, adaSecret), body);
        assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.workspaceIds()).containsExactly(ada);
        assertThat(storage.deployments().list(ada)).hasSize(1);
        assertThat(storage.deployments().list(bob)).isEmpty();
    }

    @Test
    void everySpellingOfTheRepositoryUrlMatches() {
        for (String url :
                List.of(
                        "https://github.com/ada/notes",
                        "https://github.com/ada/notes.git",
                        "https://github.com/ada/notes/",
                        "http://github.com/ada/notes",
                        "https://github.com/ADA/notes",
                        "git@github.com:ada/notes.git",
                        "ssh://git@github.com/ada/notes")) {
            byte[] body = push(url, "refs/heads/main");
            assertThat(handler.handle(github(body, adaSecret), body).workspaceIds())
                    .as(url)
                    .containsExactly(ada);
        }
        assertThat(WebhookHandler.normalizeRepositoryUrl("http://localhost:8080/u/r"))
                .isEqualTo("localhost:8080/u/r");
        assertThat(WebhookHandler.normalizeRepositoryUrl("https://github.com/ada/other"))
                .isNotEqualTo(
                        WebhookHandler.normalizeRepositoryUrl("https://github.com/ada/notes"));
    }

    @Test
    void badSignaturesAreRejectedAndTriggerNothing() {
        byte[] body = push("https://github.com/ada/notes", "refs/heads/main");
        List<Map<String, List<String>>> bad =
                List.of(
                        Map.of(),
                        Map.of("X-Hub-Signature-256", List.of("sha256=00")),
                        Map.of("X-Hub-Signature-256", List.of("sha256=zz")),
                        Map.of("X-Hub-Signature-256", List.of("sha1=" + hex(adaSecret, body))),
                        github(body, bobSecret), // another workspace's secret
                        github(body, "wrong"),
                        Map.of("X-Gitlab-Token", List.of(bobSecret)));
        for (Map<String, List<String>> headers : bad) {
            Result r = handler.handle(headers, body);
            assertThat(r.outcome()).as(headers.toString()).isEqualTo(Outcome.REJECTED);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.message()).doesNotContain(adaSecret).doesNotContain(bobSecret);
        }
        assertThat(storage.deployments().list(ada)).isEmpty();
    }

    @Test
    void aSignedBodyReplayedWithAnotherRepositoryIsRejected() {
        byte[] signed = push("https://github.com/ada/notes", "refs/heads/main");
        byte[] replayed = push("https://github.com/bob/wiki", "refs/heads/pages");
        Result r = handler.handle(github(signed, adaSecret), replayed);
        assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(storage.deployments().list(bob)).isEmpty();
    }

    @Test
    void otherBranchesEventsAndRepositoriesAreIgnored() {
        byte[] other = push("https://github.com/ada/notes", "refs/heads/dev");
        assertThat(handler.handle(github(other, adaSecret), other).outcome())
                .isEqualTo(Outcome.IGNORED);
        byte[] unknown = push("https://github.com/eve/x", "refs/heads/main");
        assertThat(handler.handle(github(unknown, "any"), unknown).outcome())
                .isEqualTo(Outcome.REJECTED);
        byte[] ping = push("https://github.com/ada/notes", null);
        Map<String, List<String>> headers = new java.util.HashMap<>(github(ping, adaSecret));
        headers.put("X-GitHub-Event", List.of("ping"));
        assertThat(handler.handle(headers, ping).status()).isEqualTo(200);
        headers.put("X-GitHub-Event", List.of("issues"));
        assertThat(handler.handle(headers, ping).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(storage.deployments().list(ada)).isEmpty();
    }

    @Test
    void unsignedRequestsCannotTellHostedFromUnknownRepositories() {
        storage.repositories().setWebhookSecret(bob, null);
        List<Result> answers = new java.util.ArrayList<>();
        for (String url :
                List.of(
                        "https://github.com/ada/notes", // hosted, with a secret
                        "https://github.com/bob/wiki", // hosted, without one
                        "https://github.com/eve/unknown")) {
            byte[] body = push(url, "refs/heads/main");
            answers.add(handler.handle(Map.of(), body));
            answers.add(handler.handle(github(body, "guess"), body));
        }
        assertThat(answers).allMatch(r -> r.equals(answers.get(0)));
        assertThat(answers.get(0).status()).isEqualTo(401);
    }

    @Test
    void aSignedDeliveryReplayedStartsNothing() {
        byte[] body = push("https://github.com/ada/notes", "refs/heads/main");
        Map<String, List<String>> headers = new java.util.HashMap<>(github(body, adaSecret));
        headers.put("X-GitHub-Delivery", List.of("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        assertThat(handler.handle(headers, body).outcome()).isEqualTo(Outcome.ACCEPTED);
        Result again = handler.handle(headers, body);
        assertThat(again.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(again.message()).contains("received before");
        assertThat(storage.deployments().list(ada)).hasSize(1);
        // Another delivery of the same push is a new one.
        headers.put("X-GitHub-Delivery", List.of("72d3162e-cc78-11e3-81ab-4c9367dc0959"));
        assertThat(handler.handle(headers, body).outcome()).isEqualTo(Outcome.ACCEPTED);
        Map<String, List<String>> gitlab =
                Map.of("X-Gitlab-Token", List.of(adaSecret), "X-Gitlab-Event-UUID", List.of("u-1"));
        assertThat(handler.handle(gitlab, body).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(handler.handle(gitlab, body).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void malformedAndOversizedPayloadsAreRejected() {
        for (String body : List.of("not json", "[1,2]", "{}", "{\"repository\": 5}")) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            Result r = handler.handle(github(b, adaSecret), b);
            assertThat(r.outcome()).as(body).isEqualTo(Outcome.REJECTED);
            assertThat(r.status()).isEqualTo(400);
        }
        assertThat(handler.handle(Map.of(), null).status()).isEqualTo(413);
        WebhookHandler small = WebhookHandler.builder(storage, publisher).maxBodyBytes(10).build();
        byte[] body = push("https://github.com/ada/notes", "refs/heads/main");
        assertThat(small.handle(github(body, adaSecret), body).status()).isEqualTo(413);
    }

    @Test
    void gitlabTokenAndGiteaSignatureAreAccepted() {
        byte[] body =
                ("{\"ref\":\"refs/heads/pages\",\"project\":{\"git_http_url\":"
                                + "\"https://github.com/bob/wiki.git\"}}")
                        .getBytes(StandardCharsets.UTF_8);
        Result gitlab =
                handler.handle(
                        Map.of(
                                "x-gitlab-token",
                                List.of(bobSecret),
                                "X-Gitlab-Event",
                                List.of("Push Hook")),
                        body);
        assertThat(gitlab.workspaceIds()).containsExactly(bob);
        Result gitea =
                handler.handle(Map.of("X-Gitea-Signature", List.of(hex(bobSecret, body))), body);
        assertThat(gitea.workspaceIds()).containsExactly(bob);
    }

    @Test
    void aRepositoryWithoutSecretUsesTheFallbackOrIsRefused() {
        storage.repositories().setWebhookSecret(ada, null);
        byte[] body = push("https://github.com/ada/notes", "refs/heads/main");
        assertThat(handler.handle(github(body, adaSecret), body).status()).isEqualTo(401);
        WebhookHandler withFallback =
                WebhookHandler.builder(storage, publisher)
                        .executor(Runnable::run)
                        .fallbackSecret("server-wide")
                        .build();
        assertThat(withFallback.handle(github(body, "server-wide"), body).workspaceIds())
                .containsExactly(ada);
        // bob's own secret still rules bob's repository
        byte[] bobs = push("https://github.com/bob/wiki", "refs/heads/pages");
        assertThat(withFallback.handle(github(bobs, "server-wide"), bobs).status()).isEqualTo(401);
    }

    @Test
    void aQueuedPushIsCommittedBeforeTheAnswerAndARedeliveryStartsNothing() {
        java.util.List<Long> woken = new java.util.ArrayList<>();
        WebhookHandler queueing =
                WebhookHandler.builder(storage, publisher).queue(woken::add).build();
        byte[] body = push("https://github.com/ada/notes", "refs/heads/main");
        Map<String, List<String>> headers = new java.util.HashMap<>(github(body, adaSecret));
        headers.put("X-GitHub-Delivery", List.of("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        Result r = queueing.handle(headers, body);
        assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(r.status()).isEqualTo(202);
        assertThat(woken).containsExactly(ada);
        // queued, not run: a worker runs it
        assertThat(storage.deployments().list(ada)).isEmpty();
        List<dev.draehi.model.SyncJob> jobs = storage.syncJobs().list(ada);
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).status()).isEqualTo(dev.draehi.model.SyncJobStatus.QUEUED);
        var claimed = storage.syncJobs().claim("w", java.time.Duration.ofMinutes(1)).orElseThrow();
        storage.syncJobs().complete(claimed.id(), "w");

        Result again = queueing.handle(headers, body);
        assertThat(again.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(again.message()).contains("received before");
        assertThat(storage.syncJobs().list(ada)).hasSize(1);
        assertThat(woken).containsExactly(ada);

        // Gitea's and GitLab's delivery ids are honoured too
        for (String header : List.of("X-Gitea-Delivery", "X-Gitlab-Event-UUID")) {
            Map<String, List<String>> h = new java.util.HashMap<>(github(body, adaSecret));
            h.put(header, List.of("id-" + header));
            assertThat(queueing.handle(h, body).outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(queueing.handle(h, body).outcome()).isEqualTo(Outcome.IGNORED);
        }
    }

    static byte[] push(String url, String ref) {
        String json =
                "{"
                        + (ref == null ? "" : "\"ref\":\"" + ref + "\",")
                        + "\"repository\":{\"clone_url\":\""
                        + url
                        + "\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> github(byte[] body, String secret) {
        return Map.of(
                "X-Hub-Signature-256",
                List.of("sha256=" + hex(secret, body)),
                "X-GitHub-Event",
                List.of("push"));
    }

    static String hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
