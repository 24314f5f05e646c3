package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;

/** The JSON the search page's script searches: each page's title, URL and the start of its text. */
public final class SearchIndex {
    private static final int TEXT_CHARS = 2000;

    private final Storage storage;
    private final Layout layout;

    public SearchIndex(Storage storage, Layout layout) {
        this.storage = storage;
        this.layout = layout;
    }

    /** The index of {@code ws}. */
    public SiteResponse render(Workspace ws) {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (Node p : storage.nodes().pages(ws.id())) {
            StringBuilder text = new StringBuilder();
            for (Node b : storage.nodes().blocksOfPage(ws.id(), p.pageName())) {
                if (text.length() > TEXT_CHARS) {
                    break;
                }
                text.append(Text.plain(b.html())).append(' ');
            }
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("{\"t\":")
                    .append(json(p.title()))
                    .append(",\"u\":")
                    .append(json(layout.url(PageView.pageUrl(ws, p))))
                    .append(",\"x\":")
                    .append(json(Text.abbreviate(text.toString().strip(), TEXT_CHARS)))
                    .append('}');
        }
        return SiteResponse.text(
                200, "application/json; charset=utf-8", sb.append("\n]\n").toString());
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
