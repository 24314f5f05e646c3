package dev.draehi.internal;

import dev.draehi.model.NodeIds;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.model.Slugs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assigns every published page its URL path below the workspace: the namespace segments, each
 * slugified, joined by {@code /}. Collisions are settled deterministically: the page whose name
 * sorts first keeps the path, the next gets {@code -2}, and so on.
 */
public final class SitePaths {
    private SitePaths() {}

    /** The natural path of a page name, before collisions are settled. */
    public static String naturalPath(String pageName, boolean journal) {
        List<String> segments = new ArrayList<>();
        if (journal || !PageNames.isNamespaced(pageName)) {
            segments.add(Slugs.slugify(pageName));
        } else {
            for (String part : pageName.split("/")) {
                segments.add(Slugs.slugify(part));
            }
        }
        segments.removeIf(String::isEmpty);
        if (segments.isEmpty()) {
            return "page-" + NodeIds.hashUuid(pageName).substring(0, 8);
        }
        return String.join("/", segments);
    }

    /** Page name → path, for {@code pages}, each path unique (compared case-insensitively). */
    public static Map<String, String> assign(List<Page> pages) {
        List<Page> sorted = new ArrayList<>(pages);
        sorted.sort(Comparator.comparing(Page::name));
        Set<String> taken = new HashSet<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (Page p : sorted) {
            String base = naturalPath(p.name(), p.isJournal());
            String path = base;
            for (int i = 2; !taken.add(path); i++) {
                path = base + "-" + i;
            }
            out.put(p.name(), path);
        }
        return out;
    }
}
