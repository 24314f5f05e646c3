package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.model.Block;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.Page;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.Workspace;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublisherTest {
    static final String SHA1 = "1111111111111111111111111111111111111111";
    static final String SHA2 = "2222222222222222222222222222222222222222";
    static final String TOKEN = "test-token-not-a-real-secret-0001";

    /** Renders each block as {@code <p>content</p>}, and the page "Bad" by throwing. */
    static final PageRenderer RENDERER =
            (page, ctx) -> {
                if (page.name().equals("Bad")) {
                    throw new IllegalStateException("renderer bug");
                }
                List<String> html = new ArrayList<>();
                for (Block b : page.flatBlocks()) {
                    html.add("<p>" + b.content() + "</p>");
                }
                return new RenderedPage(html, List.of());
            };

    InMemoryStorage storage;
    FakeGraphSource source;
    Publisher publisher;
    Workspace ws;
    List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() {
        storage = new InMemoryStorage();
        source = new FakeGraphSource(graph(SHA1, "first"));
        publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(source)
                        .renderer(RENDERER)
                        .progress(progress::add)
                        .build();
        ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "Ada");
        storage.repositories().create(ws.id(), "https://github.com/ada/notes", "main", TOKEN);
    }

    static Graph graph(String sha, String text) {
        Block target =
                Block.of("target " + text, Block.of("child"))
                        .withId("6453a7a2-1111-2222-3333-444455556666")
                        .withLine(1);
        Block linking =
                Block.of("see [[Projects/Beta]] and ((6453a7a2-1111-2222-3333-444455556666))")
                        .withMarker("TODO")
                        .withRefs(
                                List.of(
                                        Block.Ref.page("projects/beta"),
                                        Block.Ref.block("6453A7A2-1111-2222-3333-444455556666")))
                        .withLine(3);
        Page alpha =
                new Page(
                        "Alpha",
                        "pages/Alpha.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(target, linking));
        Page beta = Page.generated("Projects/Beta");
        Page secret =
                new Page(
                        "Secret",
                        "pages/Secret.md",
                        null,
                        null,
                        false,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(Block.of("hidden text")));
        Page bad =
                new Page(
                        "Bad",
                        "pages/Bad.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(Block.of("<b>x</b>")));
        return new Graph(
                sha, GraphConfig.DEFAULTS, List.of(alpha, beta, secret, bad), Map.of(), List.of());
    }

    @Test
    void syncStoresPublishedPagesBlocksRoutesAndReferences() {
        Deployment d = publisher.sync(ws.id());

        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCESS);
        assertThat(d.commitSha()).isEqualTo(SHA1);
        assertThat(d.buildLog()).anyMatch(l -> l.contains("parsed 4 pages (3 published"));
        assertThat(storage.nodes().pages(ws.id()))
                .extracting(Node::pageName)
                .containsExactly("Alpha", "Bad", "Projects/Beta");
        assertThat(storage.nodes().findPage(ws.id(), "secret")).isEmpty();

        List<Node> blocks = storage.nodes().blocksOfPage(ws.id(), "Alpha");
        assertThat(blocks)
                .extracting(Node::html)
                .containsExactly(
                        "<p>target first</p>",
                        "<p>child</p>",
                        "<p>see [[Projects/Beta]] and ((6453a7a2-1111-2222-3333-444455556666))</p>");
        assertThat(blocks.get(0).uuid())
                .isEqualTo(NodeIds.blockUuid(ws.id(), "6453a7a2-1111-2222-3333-444455556666"));
        assertThat(blocks.get(1).parentUuid()).isEqualTo(blocks.get(0).uuid());
        assertThat(blocks.get(2).metadata().attribute(NodeMetadata.Attributes.MARKER))
                .contains("TODO");

        assertThat(storage.nodes().findByPath(ws.id(), "projects/beta")).isPresent();
        Node beta = storage.nodes().findPage(ws.id(), "Projects/Beta").orElseThrow();
        assertThat(beta.metadata().attribute(NodeMetadata.Attributes.KIND)).contains("generated");
        assertThat(storage.nodes().backlinks(ws.id(), beta.uuid()))
                .extracting(Node::uuid)
                .containsExactly(blocks.get(2).uuid());
        assertThat(storage.nodes().backlinks(ws.id(), blocks.get(0).uuid())).hasSize(1);

        assertThat(storage.repositories().findByWorkspace(ws.id()).orElseThrow().syncStatus())
                .isEqualTo(SyncStatus.SUCCESS);
    }

    @Test
    void aPageTheRendererCannotRenderIsShownEscapedWithAWarning() {
        Deployment d = publisher.sync(ws.id());
        assertThat(d.succeeded()).isTrue();
        assertThat(storage.nodes().blocksOfPage(ws.id(), "Bad").get(0).html())
                .isEqualTo("<pre class=\"render-error\">&lt;b&gt;x&lt;/b&gt;</pre>");
        assertThat(d.buildLog()).anyMatch(l -> l.contains("could not render page 'Bad'"));
    }

    @Test
    void sameCommitTwiceIsAnUnchangedSuccess() {
        publisher.sync(ws.id());
        source.set(graph(SHA1, "changed but same sha"));
        Deployment again = publisher.sync(ws.id());
        assertThat(again.succeeded()).isTrue();
        assertThat(again.buildLog()).anyMatch(l -> l.contains("unchanged"));
        assertThat(storage.nodes().blocksOfPage(ws.id(), "Alpha").get(0).html())
                .isEqualTo("<p>target first</p>");
        assertThat(storage.deployments().list(ws.id())).hasSize(2);
    }

    @Test
    void newCommitReplacesContent() {
        publisher.sync(ws.id());
        source.set(graph(SHA2, "second"));
        assertThat(publisher.sync(ws.id()).commitSha()).isEqualTo(SHA2);
        assertThat(storage.nodes().blocksOfPage(ws.id(), "Alpha").get(0).html())
                .isEqualTo("<p>target second</p>");
    }

    @Test
    void failedFetchIsRecordedKeepsOldContentAndNeverLeaksTheToken() {
        publisher.sync(ws.id());
        source.failWith(
                () ->
                        new SyncException(
                                SyncException.Reason.AUTHENTICATION,
                                "not authorized: https://x-access-token:"
                                        + TOKEN
                                        + "@github.com/ada/notes"));

        Deployment d = publisher.sync(ws.id());

        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorLog()).startsWith("authentication: not authorized").doesNotContain(TOKEN);
        assertThat(String.join("\n", d.buildLog())).doesNotContain(TOKEN);
        assertThat(String.join("\n", progress)).doesNotContain(TOKEN);
        var repo = storage.repositories().findByWorkspace(ws.id()).orElseThrow();
        assertThat(repo.syncStatus()).isEqualTo(SyncStatus.ERROR);
        assertThat(repo.errorLog()).doesNotContain(TOKEN);
        assertThat(storage.nodes().pages(ws.id())).hasSize(3);
        assertThat(storage.deployments().latestSuccessful(ws.id()).orElseThrow().commitSha())
                .isEqualTo(SHA1);
    }

    @Test
    void unknownWorkspaceOrMissingRepositoryIsAProgrammingError() {
        assertThatThrownBy(() -> publisher.sync(999)).isInstanceOf(NotFoundException.class);
        Workspace bare =
                storage.workspaces().create(storage.users().create("bob", "h").id(), "Bob");
        assertThatThrownBy(() -> publisher.sync(bare.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no repository");
    }

    @Test
    void referencesToUnpublishedPagesAreNotIndexed() {
        Block b = Block.of("[[Secret]]").withRefs(List.of(Block.Ref.page("Secret"))).withLine(1);
        Page p =
                new Page(
                        "P",
                        "pages/P.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(b));
        Page secret =
                new Page(
                        "Secret",
                        "pages/Secret.md",
                        null,
                        null,
                        false,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of());
        source.set(new Graph(SHA2, GraphConfig.DEFAULTS, List.of(p, secret), Map.of(), List.of()));
        publisher.sync(ws.id());
        assertThat(storage.nodes().backlinks(ws.id(), NodeIds.pageUuid(ws.id(), "Secret")))
                .isEmpty();
        assertThat(storage.nodes().count(ws.id())).isEqualTo(2);
    }

    @Test
    void syncsOfOneWorkspaceDoNotInterleave() throws Exception {
        Thread[] threads = new Thread[4];
        List<Deployment> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> results.add(publisher.sync(ws.id())));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(4).allMatch(Deployment::succeeded);
        // Serialized: exactly one sync stored the commit, the others found it published.
        assertThat(results)
                .filteredOn(d -> d.buildLog().stream().anyMatch(l -> l.contains("unchanged")))
                .hasSize(3);
        assertThat(storage.nodes().count(ws.id())).isEqualTo(7);
    }
}
