package dev.draehi.store.jdbi.testing;

import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.store.WorkspaceContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Synthetic, realistic workspace content for tests and the benchmarks: the same content every run.
 *
 * <pre>{@code
 * WorkspaceContent content = TestContent.generate(workspaceId, 4000, 49, "v1"); // 200,000 nodes
 * }</pre>
 */
public final class TestContent {
    private static final String FILLER =
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"
                    + " incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam,"
                    + " quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo"
                    + " consequat. Duis aute irure dolor in reprehenderit in voluptate velit"
                    + " esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat"
                    + " cupidatat non proident, sunt in culpa qui officia deserunt mollit anim"
                    + " id est laborum.";

    private TestContent() {}

    /**
     * {@code pages} pages of {@code blocksPerPage} blocks each, ~460 characters of HTML per block,
     * nested outlines, metadata on every node, a route per page and references between pages.
     * {@code version} goes into every block's HTML, so readers can tell contents apart.
     */
    public static WorkspaceContent generate(long ws, int pages, int blocksPerPage, String version) {
        return generate(ws, pages, blocksPerPage, version, "Project");
    }

    /** As {@link #generate(long, int, int, String)}, with pages named {@code prefix + " " + n}. */
    public static WorkspaceContent generate(
            long ws, int pages, int blocksPerPage, String version, String prefix) {
        List<Node> nodes = new ArrayList<>(pages * (blocksPerPage + 1));
        List<PageRoute> routes = new ArrayList<>(pages);
        List<Reference> refs = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            String name = prefix + " " + p + (p % 10 == 0 ? "/Notes" : "");
            String path = prefix.toLowerCase(Locale.ROOT) + "-" + p + (p % 10 == 0 ? "/notes" : "");
            Node page = page(ws, name, path, p, blocksPerPage);
            nodes.add(page);
            routes.add(new PageRoute(path, page.uuid()));
            String[] stack = new String[10];
            stack[0] = page.uuid();
            int depth = 0;
            int next = (p + 1) % pages;
            String target = NodeIds.pageUuid(ws, prefix + " " + next);
            for (int b = 0; b < blocksPerPage; b++) {
                // outlines up to 9 deep: go down, stay, or climb back
                depth = b == 0 ? 0 : Math.max(0, Math.min(8, depth + ((b * 7) % 3) - 1));
                String uuid = NodeIds.blockUuid(ws, name, "block", b);
                nodes.add(
                        Node.block(
                                uuid,
                                page,
                                stack[depth],
                                b,
                                html(version, b, name, next),
                                blockMetadata(b, depth, uuid)));
                stack[depth + 1] = uuid;
                if (b % 10 == 0) {
                    refs.add(new Reference(uuid, target, Reference.Kind.PAGE));
                }
            }
        }
        return new WorkspaceContent(nodes, routes, refs);
    }

    private static Node page(long ws, String name, String path, int p, int blocksPerPage) {
        return Node.page(
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
    }

    /** ~460 characters: a link to page {@code next} and filler. */
    private static String html(String version, int b, String name, int next) {
        return "<p>"
                + version
                + " block "
                + b
                + " of "
                + name
                + ", see <a class=\"page-ref\" data-page=\"project-"
                + next
                + "\">Project "
                + next
                + "</a>. "
                + FILLER.substring(0, 340 + (b % 40))
                + "</p>";
    }

    private static NodeMetadata blockMetadata(int b, int depth, String uuid) {
        return new NodeMetadata(
                b % 5 == 0 ? List.of("tag" + (b % 3)) : List.of(),
                b % 4 == 0 ? Map.of("priority", "high") : Map.of(),
                Map.of(),
                Map.of(
                        NodeMetadata.Attributes.DEPTH,
                        Integer.toString(depth),
                        NodeMetadata.Attributes.BLOCK_ID,
                        uuid));
    }
}
