package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every page in a table, sorted by name, by block count or by last change (no script). */
public final class AllPagesPage {
    private final Storage storage;
    private final Layout layout;
    private final WorkspaceFacts facts;

    public AllPagesPage(Storage storage, Layout layout, WorkspaceFacts facts) {
        this.storage = storage;
        this.layout = layout;
        this.facts = facts;
    }

    /** The orders of the list: its name in the URL, column heading, comparator. */
    public enum Order {
        NAME(
                "",
                "Page",
                Comparator.comparing((Node p) -> p.title().toLowerCase(java.util.Locale.ROOT))),
        BLOCKS("blocks", "Blocks", Comparator.comparingLong(AllPagesPage::blockCount).reversed()),
        UPDATED("updated", "Updated", Comparator.comparing(PageTimes::updated).reversed());

        final String order;
        final String heading;
        final Comparator<Node> comparator;

        Order(String order, String heading, Comparator<Node> comparator) {
            this.order = order;
            this.heading = heading;
            this.comparator = comparator.thenComparing(Node::pageName);
        }

        /** Its name in the URL: {@code ""} for by name. */
        public String urlName() {
            return order;
        }
    }

    /** The order named {@code name} in the URL ({@code ""} for by name), or {@code null}. */
    public static Order order(String name) {
        for (Order o : Order.values()) {
            if (o.order.equals(name)) {
                return o;
            }
        }
        return null;
    }

    static long blockCount(Node page) {
        try {
            return Long.parseLong(page.metadata().attribute(Attributes.BLOCK_COUNT).orElse("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The list of {@code ws} in {@code order}. */
    public SiteResponse render(Workspace ws, Order order) {
        List<Node> pages = new ArrayList<>(storage.nodes().pages(ws.id()));
        pages.sort(order.comparator);
        return SiteResponse.html(
                layout.page(
                        ws,
                        facts.journalsShown(ws),
                        "All pages",
                        pages.size() + " pages of " + ws.name(),
                        SiteUrls.allPages(ws.slug(), order.order),
                        w -> {
                            w.element("h1", "All pages").line();
                            w.tag("table", "class", "all-pages").line().tag("thead").tag("tr");
                            for (Order o : Order.values()) {
                                w.tag("th");
                                if (o == order) {
                                    w.element(
                                            "span",
                                            o.heading,
                                            "aria-sort",
                                            o == Order.NAME ? "ascending" : "descending");
                                } else {
                                    w.element(
                                            "a",
                                            o.heading,
                                            "href",
                                            layout.url(SiteUrls.allPages(ws.slug(), o.order)));
                                }
                                w.end("th");
                            }
                            w.end("tr").end("thead").line().tag("tbody").line();
                            for (Node p : pages) {
                                String updated = PageTimes.updated(p).toString();
                                w.tag("tr").tag("td");
                                w.element(
                                        "a",
                                        p.title(),
                                        "href",
                                        layout.url(PageView.pageUrl(ws, p)));
                                w.end("td").tag("td").text(blockCount(p)).end("td").tag("td");
                                w.element("time", updated.substring(0, 10), "datetime", updated);
                                w.end("td").end("tr").line();
                            }
                            w.end("tbody").end("table");
                        }));
    }
}
