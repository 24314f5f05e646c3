package dev.draehi.bench;

import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.internal.BinaryCopy;
import dev.draehi.store.jdbi.internal.Json;
import dev.draehi.store.jdbi.internal.Rows;
import dev.draehi.store.jdbi.internal.SearchIndex;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk store throughput against raw binary COPY of the same rows, measured in the same run (the
 * logic of draehi-store-jdbi's ReplaceBenchmarkTest): {@code replaceAll} of 200,000 nodes into an
 * empty workspace, and COPY of the same node rows, encoded by the same encoder, into a scratch
 * table shaped like {@code nodes} without indexes, and with its indexes and foreign keys together
 * with the nodes' search words into a table shaped like {@code draehi_search}.
 */
final class BenchStore {
    static final int PAGES = 4000;
    static final int BLOCKS_PER_PAGE = 49;

    /** Nodes per second of each way in, one value per round. */
    record Rates(int nodes, double[] store, double[] copyBare, double[] copyIndexed) {}

    private BenchStore() {}

    /** Runs {@code rounds} rounds (after one warm-up) in the schema that {@code url} names. */
    static Rates run(String url, int rounds) throws SQLException {
        try (JdbiStorage storage = JdbiStorage.builder(url).migrate(true).build()) {
            Workspace w = storage.workspaces().create(storage.users().create("b", "!").id(), "b");
            WorkspaceContent content = generate(w.id(), PAGES, BLOCKS_PER_PAGE, "v1");
            int n = content.nodes().size();
            exec(url, "CREATE TABLE bench_raw (LIKE nodes)");
            exec(url, "CREATE TABLE bench_fk (LIKE nodes INCLUDING ALL)");
            exec(
                    url,
                    "ALTER TABLE bench_fk ADD FOREIGN KEY (workspace_id) REFERENCES workspaces (id)"
                            + " ON DELETE CASCADE, ADD FOREIGN KEY (parent_uuid)"
                            + " REFERENCES bench_fk (uuid) ON DELETE CASCADE");
            // the nodes' search words, which replaceAll writes with them
            exec(url, "CREATE TABLE bench_fk_search (LIKE draehi_search INCLUDING ALL)");
            exec(
                    url,
                    "ALTER TABLE bench_fk_search ADD FOREIGN KEY (uuid) REFERENCES bench_fk (uuid)"
                            + " ON DELETE CASCADE");
            // warm-up: JIT, and the tables' pages in shared buffers
            storage.nodes().replaceAll(w.id(), content);
            storage.nodes().replaceAll(w.id(), WorkspaceContent.empty());
            rawCopy(url, content, "bench_raw");
            rawCopy(url, content, "bench_fk");
            double[] store = new double[rounds];
            double[] bare = new double[rounds];
            double[] indexed = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                exec(url, "TRUNCATE bench_raw");
                long t = System.nanoTime();
                rawCopy(url, content, "bench_raw");
                bare[r] = n / seconds(t);

                exec(url, "TRUNCATE bench_fk CASCADE");
                t = System.nanoTime();
                rawCopy(url, content, "bench_fk");
                indexed[r] = n / seconds(t);

                storage.nodes().replaceAll(w.id(), WorkspaceContent.empty());
                t = System.nanoTime();
                storage.nodes().replaceAll(w.id(), content);
                store[r] = n / seconds(t);
                System.err.printf(
                        Locale.ROOT,
                        "  store round %d: replaceAll %,.0f nodes/s, COPY bare %,.0f, COPY"
                                + " indexed %,.0f%n",
                        r + 1,
                        store[r],
                        bare[r],
                        indexed[r]);
            }
            return new Rates(n, store, bare, indexed);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The same rows, the same encoder, in one transaction, into a scratch table. */
    private static void rawCopy(String url, WorkspaceContent content, String table)
            throws SQLException {
        Instant now = Instant.now();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            ByteArrayOutputStream json = new ByteArrayOutputStream(256);
            try (BinaryCopy copy = BinaryCopy.start(c, table, Rows.NODE_COLUMNS)) {
                for (Node x : content.nodes()) {
                    copy.row(11);
                    copy.text(x.uuid());
                    copy.int4((int) x.workspaceId());
                    copy.text(x.parentUuid());
                    copy.int4(x.order());
                    copy.text(x.pageName());
                    copy.text(x.slug());
                    copy.text(x.title());
                    copy.text(x.html());
                    json.reset();
                    Json.writeMetadata(x.metadata(), json);
                    copy.utf8(json.toByteArray(), 0, json.size());
                    copy.timestamp(now);
                    copy.timestamp(now);
                }
                copy.finish();
            }
            if (table.equals("bench_fk")) {
                SearchIndex.copy(c, "bench_fk_search", content.nodes());
            }
            c.commit();
        }
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * {@code pages} pages of {@code blocksPerPage} blocks, ~460 characters of HTML per block,
     * nested outlines, metadata on every node, a route per page and references between pages: the
     * content of draehi-store-jdbi's TestContent.
     */
    static WorkspaceContent generate(long ws, int pages, int blocksPerPage, String version) {
        String prefix = "Project";
        List<Node> nodes = new ArrayList<>(pages * (blocksPerPage + 1));
        List<PageRoute> routes = new ArrayList<>(pages);
        List<Reference> refs = new ArrayList<>();
        String filler =
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
                        + " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam,"
                        + " quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo"
                        + " consequat. Duis aute irure dolor in reprehenderit in voluptate velit"
                        + " esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat"
                        + " cupidatat non proident, sunt in culpa qui officia deserunt mollit anim"
                        + " id est laborum.";
        for (int p = 0; p < pages; p++) {
            String name = prefix + " " + p + (p % 10 == 0 ? "/Notes" : "");
            String path = "project-" + p + (p % 10 == 0 ? "/notes" : "");
            Node page =
                    Node.page(
                            NodeIds.pageUuid(ws, name),
                            ws,
                            name,
                            path.substring(path.lastIndexOf('/') + 1),
                            name,
                            new NodeMetadata(
                                    List.of("project", "tag" + (p % 7)),
                                    Map.of("type", "project", "status", "active"),
                                    Map.of("title", name),
                                    Map.of(
                                            NodeMetadata.Attributes.PATH,
                                            path,
                                            NodeMetadata.Attributes.FILE,
                                            "pages/" + path.replace("/", "___") + ".md",
                                            NodeMetadata.Attributes.BLOCK_COUNT,
                                            Integer.toString(blocksPerPage))));
            nodes.add(page);
            routes.add(new PageRoute(path, page.uuid()));
            String[] stack = new String[10];
            stack[0] = page.uuid();
            int depth = 0;
            for (int b = 0; b < blocksPerPage; b++) {
                depth = b == 0 ? 0 : Math.max(0, Math.min(8, depth + ((b * 7) % 3) - 1));
                String uuid = NodeIds.blockUuid(ws, name, "block", b);
                String target = NodeIds.pageUuid(ws, prefix + " " + ((p + 1) % pages));
                String html =
                        "<p>"
                                + version
                                + " block "
                                + b
                                + " of "
                                + name
                                + ", see <a class=\"page-ref\" data-page=\"project-"
                                + ((p + 1) % pages)
                                + "\">Project "
                                + ((p + 1) % pages)
                                + "</a>. "
                                + filler.substring(0, 340 + (b % 40))
                                + "</p>";
                Node block =
                        Node.block(
                                uuid,
                                page,
                                stack[depth],
                                b,
                                html,
                                new NodeMetadata(
                                        b % 5 == 0 ? List.of("tag" + (b % 3)) : List.of(),
                                        b % 4 == 0 ? Map.of("priority", "high") : Map.of(),
                                        Map.of(),
                                        Map.of(
                                                NodeMetadata.Attributes.DEPTH,
                                                Integer.toString(depth),
                                                NodeMetadata.Attributes.BLOCK_ID,
                                                uuid)));
                nodes.add(block);
                stack[depth + 1] = uuid;
                if (b % 10 == 0) {
                    refs.add(new Reference(uuid, target, Reference.Kind.PAGE));
                }
            }
        }
        return new WorkspaceContent(nodes, routes, refs);
    }
}
