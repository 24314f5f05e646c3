package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.jdbi.testing.TestContent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * replaceAll and replacePages write only what changed: these tests check that the rows come out
 * exactly as a delete-everything-and-load would leave them, and that unchanged rows are not
 * touched.
 */
class DiffReplaceTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    /** A second schema, loaded from scratch every time, to compare with. */
    @RegisterExtension static final PostgresExtension FRESH = new PostgresExtension();

    private final TestClock clock = new TestClock();
    private JdbiStorage storage;
    private JdbiStorage fresh;
    private Workspace w;

    @BeforeEach
    void open() throws SQLException {
        PG.truncate();
        FRESH.truncate();
        storage = JdbiStorage.builder(PG.dataSource()).clock(clock).build();
        fresh = FRESH.storage();
        w = storage.workspaces().create(storage.users().create("ada", "h").id(), "ada");
        Workspace f = fresh.workspaces().create(fresh.users().create("ada", "h").id(), "ada");
        assertThat(f.id()).isEqualTo(w.id());
    }

    @AfterEach
    void close() {
        storage.close();
        fresh.close();
    }

    @Test
    void replacingWithIdenticalContentTouchesNoRow() throws SQLException {
        WorkspaceContent v1 = TestContent.generate(w.id(), 5, 20, "v1");
        storage.nodes().replaceAll(w.id(), v1);
        List<String> before = physical();
        clock.advance();

        storage.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 5, 20, "v1"));

        // same row versions (xmin), same timestamps, same count
        assertThat(physical()).isEqualTo(before);
        assertThat(storage.nodes().count(w.id())).isEqualTo(v1.nodes().size());
    }

    @Test
    void changedBlockIsUpdatedAndKeepsCreatedAt() throws SQLException {
        WorkspaceContent v1 = TestContent.generate(w.id(), 3, 5, "v1");
        storage.nodes().replaceAll(w.id(), v1);
        Instant first = clock.instant();
        clock.advance();
        Instant second = clock.instant();
        List<Node> nodes = new ArrayList<>(v1.nodes());
        Node old = nodes.get(3);
        nodes.set(3, withHtml(old, "<p>changed</p>"));

        storage.nodes().replaceAll(w.id(), with(v1, nodes));

        Node changed = storage.nodes().findByUuid(old.uuid()).orElseThrow();
        assertThat(changed.html()).isEqualTo("<p>changed</p>");
        assertThat(changed.createdAt()).isEqualTo(first);
        assertThat(changed.updatedAt()).isEqualTo(second);
        assertThat(
                        PG.rows(
                                "SELECT count(*) FROM nodes WHERE updated_at <> created_at"
                                        + " OR created_at <> '"
                                        + first.atOffset(ZoneOffset.UTC).toLocalDateTime()
                                        + "'"))
                .containsExactly("1");
        assertSameAsFreshLoad(with(v1, nodes));
    }

    @Test
    void blockMovesUnderAnotherParentEvenANewOneWhileItsOldParentGoes() throws SQLException {
        Node page = page("P");
        Node a = block("a", page, page.uuid(), 0);
        Node x = block("x", page, a.uuid(), 1); // under a
        Node y = block("y", page, a.uuid(), 2); // under a
        Node b = block("b", page, page.uuid(), 3);
        storage.nodes().replaceAll(w.id(), content(List.of(page, a, x, y, b)));

        // a goes; x moves under the new block n, y under b
        Node n = block("n", page, page.uuid(), 0);
        Node x2 = block("x", page, n.uuid(), 1);
        Node y2 = block("y", page, b.uuid(), 3);
        WorkspaceContent next = content(List.of(page, n, x2, b, y2));
        storage.nodes().replaceAll(w.id(), next);

        assertThat(storage.nodes().findByUuid(a.uuid())).isEmpty();
        assertThat(storage.nodes().findByUuid(x.uuid()).orElseThrow().parentUuid())
                .isEqualTo(n.uuid());
        assertThat(storage.nodes().findByUuid(y.uuid()).orElseThrow().parentUuid())
                .isEqualTo(b.uuid());
        assertThat(storage.nodes().count(w.id())).isEqualTo(5);
        assertSameAsFreshLoad(next);
    }

    @Test
    void deletedPageTakesItsBlocksRoutesAndReferences() throws SQLException {
        WorkspaceContent v1 = TestContent.generate(w.id(), 4, 12, "v1");
        storage.nodes().replaceAll(w.id(), v1);
        String gone = NodeIds.pageUuid(w.id(), "Project 2");
        List<Node> nodes =
                v1.nodes().stream().filter(n -> !n.pageName().equals("Project 2")).toList();
        Set<String> kept = new java.util.HashSet<>(nodes.stream().map(Node::uuid).toList());
        WorkspaceContent next =
                new WorkspaceContent(
                        nodes,
                        v1.routes().stream().filter(r -> !r.pageUuid().equals(gone)).toList(),
                        v1.references().stream()
                                .filter(r -> kept.contains(r.sourceUuid()))
                                .toList());

        storage.nodes().replaceAll(w.id(), next);

        assertThat(storage.nodes().findByUuid(gone)).isEmpty();
        assertThat(storage.nodes().blocksOfPage(w.id(), "Project 2")).isEmpty();
        assertThat(storage.nodes().findByPath(w.id(), "project-2")).isEmpty();
        assertThat(storage.nodes().backlinks(w.id(), NodeIds.pageUuid(w.id(), "Project 3")))
                .isEmpty();
        assertThat(storage.nodes().count(w.id())).isEqualTo(3 * 13);
        assertSameAsFreshLoad(next);
    }

    @Test
    void newPageWithBlocksUnderItAndPathsMovingBetweenPages() throws SQLException {
        Node p = page("P");
        Node q = page("Q");
        storage.nodes()
                .replaceAll(
                        w.id(),
                        new WorkspaceContent(
                                List.of(p, q),
                                List.of(new PageRoute("p", p.uuid()), new PageRoute("q", q.uuid())),
                                List.of()));

        Node r = page("R");
        Node b0 = block("r0", r, r.uuid(), 0);
        Node b1 = block("r1", r, b0.uuid(), 1);
        // the paths swap pages, case changes, and R gets Q's old path
        WorkspaceContent next =
                new WorkspaceContent(
                        List.of(p, q, r, b0, b1),
                        List.of(
                                new PageRoute("Q", p.uuid()),
                                new PageRoute("P", q.uuid()),
                                new PageRoute("q/r", r.uuid())),
                        List.of(
                                new Reference(b1.uuid(), p.uuid(), Reference.Kind.PAGE),
                                new Reference(b1.uuid(), p.uuid(), Reference.Kind.PAGE)));
        storage.nodes().replaceAll(w.id(), next);

        assertThat(storage.nodes().blocksOfPage(w.id(), "R"))
                .extracting(Node::uuid)
                .containsExactly(b0.uuid(), b1.uuid());
        assertThat(storage.nodes().findByPath(w.id(), "q").orElseThrow().uuid())
                .isEqualTo(p.uuid());
        assertThat(storage.nodes().routes(w.id()))
                .extracting(PageRoute::path)
                .containsExactly("P", "Q", "q/r");
        assertSameAsFreshLoad(next);
    }

    @Test
    void randomEditsEndAsAFreshLoadWould() throws SQLException {
        Random random = new Random(42);
        Model model = new Model(w.id(), random);
        for (int p = 0; p < 12; p++) {
            model.addPage();
        }
        for (int step = 0; step < 60; step++) {
            int edits = 1 + random.nextInt(6);
            for (int i = 0; i < edits; i++) {
                model.edit();
            }
            WorkspaceContent content = model.content();
            if (step % 5 == 4 && !model.lastTouchedPages.isEmpty()) {
                // the same edits through replacePages of the pages they touched
                storage.nodes().replacePages(w.id(), model.lastPageUuids(), model.pagesContent());
            } else {
                storage.nodes().replaceAll(w.id(), content);
            }
            model.lastTouchedPages.clear();
            model.pagesBefore.clear();
            model.pagesBefore.putAll(model.pageUuids());
            clock.advance();
            assertSameAsFreshLoad(content);
        }
    }

    @Test
    void replacingInPartsEndsAsAFreshLoadWouldAndTouchesNoUnchangedRow() throws SQLException {
        Random random = new Random(7);
        Model model = new Model(w.id(), random);
        for (int p = 0; p < 12; p++) {
            model.addPage();
        }
        // into an empty workspace (straight COPY), then diffed part by part
        storage.nodes().replaceAll(w.id(), parts(model.content(), random).stream());
        assertSameAsFreshLoad(model.content());
        List<String> before = physical();
        clock.advance();
        storage.nodes().replaceAll(w.id(), parts(model.content(), random).stream());
        assertThat(physical()).isEqualTo(before);

        for (int step = 0; step < 40; step++) {
            int edits = 1 + random.nextInt(6);
            for (int i = 0; i < edits; i++) {
                model.edit();
            }
            WorkspaceContent content = model.content();
            // pages in another order each time: a block or a path that moves between pages may
            // move to a part before or after the one of its old page
            storage.nodes().replaceAll(w.id(), parts(content, random).stream());
            model.lastTouchedPages.clear();
            model.pagesBefore.clear();
            model.pagesBefore.putAll(model.pageUuids());
            clock.advance();
            assertSameAsFreshLoad(content);
        }
    }

    @Test
    void aPartThatSplitsAPageFromItsBlocksFailsAndKeepsTheOldContent() throws SQLException {
        Node page = page("P");
        Node a = block("a", page, page.uuid(), 0);
        storage.nodes().replaceAll(w.id(), content(List.of(page, a)));
        List<String> before = physical();

        Node q = page("Q");
        Node b = block("b", q, q.uuid(), 0);
        List<WorkspaceContent> parts =
                List.of(content(List.of(page, a)), content(List.of(q)), content(List.of(b)));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> storage.nodes().replaceAll(w.id(), parts.stream()))
                .isInstanceOf(dev.draehi.ValidationException.class)
                .hasMessageContaining("comes before its parent " + q.uuid());
        assertThat(physical()).isEqualTo(before);
    }

    /** {@code content} cut into parts of whole pages, in random order and random sizes. */
    private static List<WorkspaceContent> parts(WorkspaceContent content, Random random) {
        List<List<Node>> pages = new ArrayList<>();
        for (Node n : content.nodes()) {
            if (n.parentUuid() == null) {
                pages.add(new ArrayList<>());
            }
            pages.get(pages.size() - 1).add(n);
        }
        java.util.Collections.shuffle(pages, random);
        List<List<Node>> cut = new ArrayList<>();
        for (List<Node> page : pages) {
            if (cut.isEmpty() || random.nextInt(3) == 0) {
                cut.add(new ArrayList<>());
            }
            cut.get(cut.size() - 1).addAll(page);
        }
        List<WorkspaceContent> out = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>(content.routes());
        java.util.Collections.shuffle(routes, random);
        int r = 0;
        for (int i = 0; i < cut.size(); i++) {
            Set<String> uuids = new java.util.HashSet<>();
            cut.get(i).forEach(n -> uuids.add(n.uuid()));
            List<Reference> refs = new ArrayList<>();
            for (Reference ref : content.references()) {
                if (uuids.contains(ref.sourceUuid())) {
                    refs.add(ref);
                }
            }
            int take =
                    i == cut.size() - 1 ? routes.size() - r : random.nextInt(routes.size() - r + 1);
            out.add(new WorkspaceContent(cut.get(i), routes.subList(r, r + take), refs));
            r += take;
        }
        return out;
    }

    // ---- helpers

    private void assertSameAsFreshLoad(WorkspaceContent content) throws SQLException {
        fresh.nodes().replaceAll(w.id(), WorkspaceContent.empty());
        fresh.nodes().replaceAll(w.id(), content);
        for (String sql :
                List.of(
                        "SELECT uuid, workspace_id, parent_uuid, \"order\", page_name, slug,"
                                + " title, html, metadata::text FROM nodes ORDER BY uuid",
                        "SELECT workspace_id, path, page_uuid FROM draehi_page_routes"
                                + " ORDER BY path COLLATE \"C\"",
                        "SELECT workspace_id, source_uuid, target_uuid, kind FROM"
                                + " draehi_references ORDER BY 1, 2, 3, 4")) {
            assertThat(PG.rows(sql)).as(sql).isEqualTo(FRESH.rows(sql));
        }
        // every row has timestamps that a replace could have written
        assertThat(PG.rows("SELECT count(*) FROM nodes WHERE updated_at < created_at"))
                .containsExactly("0");
    }

    /** Every row with its version, so that a rewrite of an unchanged row shows. */
    private static List<String> physical() throws SQLException {
        List<String> out = new ArrayList<>();
        out.addAll(PG.rows("SELECT uuid, xmin, created_at, updated_at FROM nodes ORDER BY uuid"));
        out.addAll(PG.rows("SELECT path, xmin FROM draehi_page_routes ORDER BY path"));
        out.addAll(
                PG.rows(
                        "SELECT source_uuid, target_uuid, xmin FROM draehi_references"
                                + " ORDER BY 1, 2, 3::text"));
        return out;
    }

    private Node page(String name) {
        return Node.page(
                NodeIds.pageUuid(w.id(), name), w.id(), name, name.toLowerCase(), name, null);
    }

    private Node block(String key, Node page, String parent, int order) {
        return Node.block(
                NodeIds.hashUuid(w.id() + ":" + key),
                page,
                parent,
                order,
                "<p>" + key + "</p>",
                null);
    }

    private static WorkspaceContent content(List<Node> nodes) {
        return new WorkspaceContent(nodes, List.of(), List.of());
    }

    private static WorkspaceContent with(WorkspaceContent c, List<Node> nodes) {
        return new WorkspaceContent(nodes, c.routes(), c.references());
    }

    private static Node withHtml(Node n, String html) {
        return new Node(
                n.uuid(),
                n.workspaceId(),
                n.parentUuid(),
                n.order(),
                n.pageName(),
                n.slug(),
                n.title(),
                html,
                n.metadata(),
                null,
                null);
    }

    /** A clock that moves one second at a time, on demand. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00.123456Z");

        void advance() {
            now = now.plus(Duration.ofSeconds(1));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * A small graph edited at random: blocks keep their uuids when they change, move within or
     * between pages, or their page is renamed; pages come and go; paths move; references change.
     */
    private static final class Model {
        final long ws;
        final Random random;
        final Map<String, PageM> pages = new LinkedHashMap<>(); // by page name
        final Set<String> lastTouchedPages = new java.util.LinkedHashSet<>();
        final Map<String, String> pagesBefore = new HashMap<>(); // name → uuid at last write
        int counter;

        Model(long ws, Random random) {
            this.ws = ws;
            this.random = random;
        }

        static final class PageM {
            String name;
            String path;
            List<String> tags = new ArrayList<>();
            final List<BlockM> blocks = new ArrayList<>();
        }

        static final class BlockM {
            final String key;
            String parentKey; // null: the page
            String html;
            final List<String[]> refs = new ArrayList<>(); // {target page name, kind}

            BlockM(String key, String parentKey, String html) {
                this.key = key;
                this.parentKey = parentKey;
                this.html = html;
            }
        }

        void addPage() {
            PageM p = new PageM();
            p.name = "Page " + (counter++);
            p.path = "page-" + counter;
            pages.put(p.name, p);
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                addBlock(p);
            }
            touch(p);
        }

        void addBlock(PageM p) {
            String parent =
                    p.blocks.isEmpty() || random.nextInt(3) == 0
                            ? null
                            : p.blocks.get(random.nextInt(p.blocks.size())).key;
            BlockM b = new BlockM("k" + (counter++), parent, "<p>" + counter + "</p>");
            if (random.nextInt(3) == 0 && !pages.isEmpty()) {
                b.refs.add(new String[] {randomPage().name, "page"});
            }
            p.blocks.add(b);
        }

        PageM randomPage() {
            List<PageM> all = new ArrayList<>(pages.values());
            return all.get(random.nextInt(all.size()));
        }

        void touch(PageM p) {
            lastTouchedPages.add(p.name);
        }

        /** One random edit. Edits that span pages are marked so replacePages is not used. */
        void edit() {
            if (pages.isEmpty()) {
                addPage();
                return;
            }
            PageM p = randomPage();
            switch (random.nextInt(11)) {
                case 0 -> addPage();
                case 1 -> {
                    // delete a page; references to it stay (targets have no foreign key)
                    pages.remove(p.name);
                    touch(p);
                }
                case 2 -> {
                    // rename a page: new page uuid, the blocks keep theirs
                    touch(p);
                    pages.remove(p.name);
                    p.name = p.name + "x";
                    pages.put(p.name, p);
                    touch(p);
                }
                case 3 -> {
                    addBlock(p);
                    touch(p);
                }
                case 4 -> {
                    if (!p.blocks.isEmpty()) {
                        // delete a block; its children move up to its parent
                        BlockM b = p.blocks.remove(random.nextInt(p.blocks.size()));
                        for (BlockM c : p.blocks) {
                            if (b.key.equals(c.parentKey)) {
                                c.parentKey = b.parentKey;
                            }
                        }
                    }
                    touch(p);
                }
                case 5 -> {
                    if (!p.blocks.isEmpty()) {
                        p.blocks.get(random.nextInt(p.blocks.size())).html += "!";
                    }
                    touch(p);
                }
                case 6 -> {
                    // move a block (with its children) under an earlier block or the page
                    if (p.blocks.size() > 1) {
                        int i = 1 + random.nextInt(p.blocks.size() - 1);
                        BlockM b = p.blocks.get(i);
                        b.parentKey =
                                random.nextInt(3) == 0 ? null : p.blocks.get(random.nextInt(i)).key;
                    }
                    touch(p);
                }
                case 7 -> {
                    // move a block to another page; its children move up
                    PageM to = randomPage();
                    if (!p.blocks.isEmpty() && to != p) {
                        BlockM b = p.blocks.remove(random.nextInt(p.blocks.size()));
                        for (BlockM c : p.blocks) {
                            if (b.key.equals(c.parentKey)) {
                                c.parentKey = b.parentKey;
                            }
                        }
                        b.parentKey =
                                to.blocks.isEmpty() || random.nextBoolean()
                                        ? null
                                        : to.blocks.get(random.nextInt(to.blocks.size())).key;
                        to.blocks.add(b);
                        touch(p);
                        touch(to);
                    }
                }
                case 8 -> {
                    // swap two pages' paths
                    PageM q = randomPage();
                    String path = p.path;
                    p.path = q.path;
                    q.path = path;
                    touch(p);
                    touch(q);
                }
                case 9 -> {
                    // references: add, duplicate or drop
                    if (!p.blocks.isEmpty()) {
                        BlockM b = p.blocks.get(random.nextInt(p.blocks.size()));
                        if (!b.refs.isEmpty() && random.nextBoolean()) {
                            b.refs.remove(0);
                        } else {
                            String[] ref =
                                    b.refs.isEmpty()
                                            ? new String[] {randomPage().name, "tag"}
                                            : b.refs.get(0);
                            b.refs.add(ref);
                        }
                    }
                    touch(p);
                }
                default -> {
                    p.tags.add("t" + random.nextInt(3));
                    p.path =
                            p.path.toUpperCase(java.util.Locale.ROOT).equals(p.path)
                                    ? p.path.toLowerCase(java.util.Locale.ROOT)
                                    : p.path.toUpperCase(java.util.Locale.ROOT);
                    touch(p);
                }
            }
        }

        Map<String, String> pageUuids() {
            Map<String, String> out = new HashMap<>();
            for (PageM p : pages.values()) {
                out.put(p.name, NodeIds.pageUuid(ws, p.name));
            }
            return out;
        }

        /** The uuids, at the last write, of the pages touched since. */
        List<String> lastPageUuids() {
            List<String> out = new ArrayList<>();
            for (String name : lastTouchedPages) {
                String uuid = pagesBefore.get(name);
                if (uuid != null) {
                    out.add(uuid);
                }
            }
            return out;
        }

        WorkspaceContent content() {
            return content(null);
        }

        /** The touched pages that still exist, with their blocks, routes and references. */
        WorkspaceContent pagesContent() {
            return content(lastTouchedPages);
        }

        private WorkspaceContent content(Set<String> only) {
            List<Node> nodes = new ArrayList<>();
            List<PageRoute> routes = new ArrayList<>();
            List<Reference> refs = new ArrayList<>();
            for (PageM p : pages.values()) {
                if (only != null && !only.contains(p.name)) {
                    continue;
                }
                Node page =
                        Node.page(
                                NodeIds.pageUuid(ws, p.name),
                                ws,
                                p.name,
                                p.path.substring(p.path.lastIndexOf('/') + 1),
                                p.name,
                                new NodeMetadata(p.tags, Map.of(), Map.of(), Map.of()));
                nodes.add(page);
                routes.add(new PageRoute(p.path, page.uuid()));
                int order = 0;
                for (BlockM b : p.blocks) {
                    String uuid = NodeIds.hashUuid(ws + ":" + b.key);
                    String parent =
                            b.parentKey == null
                                    ? page.uuid()
                                    : NodeIds.hashUuid(ws + ":" + b.parentKey);
                    nodes.add(Node.block(uuid, page, parent, order++, b.html, null));
                    for (String[] r : b.refs) {
                        refs.add(
                                new Reference(
                                        uuid,
                                        NodeIds.pageUuid(ws, r[0]),
                                        Reference.Kind.valueOf(r[1].toUpperCase())));
                    }
                }
            }
            return new WorkspaceContent(nodes, routes, refs);
        }
    }
}
