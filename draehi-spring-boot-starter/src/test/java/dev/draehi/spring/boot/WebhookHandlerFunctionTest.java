package dev.draehi.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.draehi.Publisher;
import dev.draehi.model.Workspace;
import dev.draehi.server.WebhookHandler;
import dev.draehi.store.memory.InMemoryStorage;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The webhook endpoint hands the raw request to the WebhookHandler and answers with its result. */
class WebhookHandlerFunctionTest {
    static final String SECRET = "webhook-secret";
    static final String REPO = "https://github.com/ada/notes";

    InMemoryStorage storage = new InMemoryStorage();
    Publisher publisher = TestGraphs.publisher(storage);
    Workspace ws;
    MockMvc mvc;

    @BeforeEach
    void endpoint() {
        ws = TestGraphs.publishedWorkspace(storage, publisher, REPO);
        WebhookHandler webhooks =
                WebhookHandler.builder(storage, publisher)
                        .fallbackSecret(SECRET)
                        .executor(Runnable::run)
                        .build();
        mvc =
                MockMvcBuilders.routerFunctions(
                                new WebhookHandlerFunction(webhooks, "/hooks/git", 512).routes())
                        .build();
    }

    @Test
    void aSignedPushStartsASync() throws Exception {
        byte[] body = push(REPO);
        MockHttpServletResponse r = postSigned(body, sign(body, SECRET));
        assertThat(r.getStatus()).isEqualTo(202);
        assertThat(r.getContentAsString()).isEqualTo("sync started for 1 workspace(s)\n");
        assertThat(storage.deployments().list(ws.id())).hasSize(2);
    }

    @Test
    void aBadSignatureIsRefusedAndStartsNothing() throws Exception {
        byte[] body = push(REPO);
        MockHttpServletResponse r = postSigned(body, sign(body, "another secret"));
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getContentAsString()).doesNotContain(SECRET);
        assertThat(storage.deployments().list(ws.id())).hasSize(1);
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnread() throws Exception {
        byte[] body = ("{\"pad\":\"" + "x".repeat(600) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(postSigned(body, sign(body, SECRET)).getStatus()).isEqualTo(413);
    }

    @Test
    void otherMethodsOnThePathGet405() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/hooks/git")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(405);
        assertThat(r.getHeader("Allow")).isEqualTo("POST");
    }

    private MockHttpServletResponse postSigned(byte[] body, String signature) throws Exception {
        return mvc.perform(
                        post("/hooks/git")
                                .contentType("application/json")
                                .header("X-GitHub-Event", "push")
                                .header("X-Hub-Signature-256", signature)
                                .content(body))
                .andReturn()
                .getResponse();
    }

    static byte[] push(String repositoryUrl) {
        return ("{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\""
                        + repositoryUrl
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
