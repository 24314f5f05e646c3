package dev.draehi.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.draehi.StorageException;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The site served through Spring MVC at a mount path: status, headers, gzip, 304 and HEAD. */
class SiteHandlerFunctionTest {
    InMemoryStorage storage = new InMemoryStorage();
    Workspace ws;
    MockMvc mvc;

    @BeforeEach
    void publishedSiteMountedAtNotes() {
        ws = TestGraphs.publishedWorkspace(storage, TestGraphs.publisher(storage), "/ada/notes");
        Site site = Site.builder(storage).baseUrl("/notes").build();
        mvc =
                MockMvcBuilders.routerFunctions(new SiteHandlerFunction(site, "/notes/").routes())
                        .build();
    }

    @Test
    void aPageIsServedWithItsTitleAndLinksUnderTheMountPath() throws Exception {
        MockHttpServletResponse r = perform(get("/notes/" + ws.slug() + "/home"));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).startsWith("text/html");
        assertThat(r.getContentAsString(StandardCharsets.UTF_8))
                .contains("<h1 class=\"page-title\">Home</h1>")
                .contains("href=\"/notes/" + ws.slug() + "/-/all-pages\"");
        assertThat(r.getHeader("ETag")).isNotBlank();
        assertThat(r.getHeader("Vary")).isEqualTo("Accept-Encoding");
        assertThat(r.getContentLength()).isEqualTo(r.getContentAsByteArray().length);
    }

    @Test
    void theMountPathItselfIsTheSitesRoot() throws Exception {
        for (String root : new String[] {"/notes", "/notes/"}) {
            MockHttpServletResponse r = perform(get(root));
            assertThat(r.getStatus()).as(root).isEqualTo(200);
            assertThat(r.getContentAsString(StandardCharsets.UTF_8))
                    .as(root)
                    .contains("href=\"/notes/" + ws.slug() + "/\"");
        }
    }

    @Test
    void headAnswersWithTheHeadersOfGetAndNoBody() throws Exception {
        MockHttpServletResponse g = perform(get("/notes/" + ws.slug() + "/home"));
        MockHttpServletResponse h = perform(head("/notes/" + ws.slug() + "/home"));
        assertThat(h.getStatus()).isEqualTo(200);
        assertThat(h.getContentType()).isEqualTo(g.getContentType());
        assertThat(h.getHeader("ETag")).isEqualTo(g.getHeader("ETag"));
        assertThat(h.getContentLength()).isEqualTo(g.getContentAsByteArray().length);
        assertThat(h.getContentAsByteArray()).isEmpty();
    }

    @Test
    void aClientThatAcceptsGzipGetsTheSameBodyCompressed() throws Exception {
        String path = "/notes/" + ws.slug() + "/home";
        MockHttpServletResponse plain = perform(get(path));
        MockHttpServletResponse gz = perform(get(path).header("Accept-Encoding", "br, gzip"));
        assertThat(gz.getStatus()).isEqualTo(200);
        assertThat(gz.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(gz.getHeader("Vary")).isEqualTo("Accept-Encoding");
        byte[] body = gz.getContentAsByteArray();
        assertThat(body.length).isLessThan(plain.getContentAsByteArray().length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.getContentAsByteArray());
        }
        assertThat(plain.getHeader("Content-Encoding")).isNull();
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagGets304AndAnOldOneTheBody() throws Exception {
        String path = "/notes/" + ws.slug() + "/home";
        String etag = perform(get(path)).getHeader("ETag");
        MockHttpServletResponse same = perform(get(path).header("If-None-Match", etag));
        assertThat(same.getStatus()).isEqualTo(304);
        assertThat(same.getContentAsByteArray()).isEmpty();
        MockHttpServletResponse other = perform(get(path).header("If-None-Match", "\"0-0\""));
        assertThat(other.getStatus()).isEqualTo(200);
        assertThat(other.getContentAsByteArray()).isNotEmpty();
    }

    @Test
    void anUnknownPageGetsTheSitesNotFoundPage() throws Exception {
        MockHttpServletResponse r = perform(get("/notes/" + ws.slug() + "/no-such-page"));
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("Page not found");
    }

    @Test
    void onlyGetAndHeadUnderTheMountPathAreRouted() throws Exception {
        assertThat(perform(get("/notesx/" + ws.slug() + "/home")).getStatus()).isEqualTo(404);
        assertThat(perform(get("/" + ws.slug() + "/home")).getStatus()).isEqualTo(404);
        assertThat(perform(post("/notes/" + ws.slug() + "/home")).getStatus()).isNotEqualTo(200);
    }

    @Test
    void aStorageThatFailsGets503WithoutItsMessage() throws Exception {
        Storage broken =
                (Storage)
                        Proxy.newProxyInstance(
                                Storage.class.getClassLoader(),
                                new Class<?>[] {Storage.class},
                                (proxy, method, args) -> {
                                    throw new StorageException("password=hunter2 refused", null);
                                });
        MockMvc failing =
                MockMvcBuilders.routerFunctions(
                                new SiteHandlerFunction(Site.builder(broken).build(), "/").routes())
                        .build();
        MockHttpServletResponse r = failing.perform(get("/ada/home")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getContentAsString()).doesNotContain("hunter2");
    }

    @Test
    void gzipIsSentToClientsThatAcceptIt() {
        assertThat(SiteHandlerFunction.acceptsGzip("gzip")).isTrue();
        assertThat(SiteHandlerFunction.acceptsGzip("br, GZIP;q=0.8, deflate")).isTrue();
        assertThat(SiteHandlerFunction.acceptsGzip("*")).isTrue();
        assertThat(SiteHandlerFunction.acceptsGzip(null)).isFalse();
        assertThat(SiteHandlerFunction.acceptsGzip("identity")).isFalse();
        assertThat(SiteHandlerFunction.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(SiteHandlerFunction.acceptsGzip("gzipx")).isFalse();
    }

    private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }
}
