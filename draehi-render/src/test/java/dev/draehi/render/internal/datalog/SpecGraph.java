package dev.draehi.render.internal.datalog;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the graph of a query spec: {@code page:: Name}, {@code journal:: 2024-01-15} or {@code
 * private:: Name} starts a page (the last unpublished); {@code key:: value} lines before its first
 * bullet are its properties; bullets are indented by tabs; a block's other lines are indented two
 * spaces past its bullet. Markers, priorities, {@code key:: value}, {@code SCHEDULED:} and {@code
 * DEADLINE:} lines and refs are read off blocks roughly as draehi-sync reads them.
 */
final class SpecGraph {
    private static final Pattern MARKER =
            Pattern.compile("^(TODO|DOING|DONE|LATER|NOW|WAITING|CANCELED|CANCELLED)(?:\\s+|$)");
    private static final Pattern PRIORITY = Pattern.compile("^\\[#([A-Ca-c])\\]\\s*");
    private static final Pattern PROPERTY = Pattern.compile("^([A-Za-z0-9_.-]+):: ?(.*)$");
    private static final Pattern PLANNING = Pattern.compile("^(SCHEDULED|DEADLINE): (<[^>]*>)$");
    private static final Pattern PAGE_REF = Pattern.compile("\\[\\[([^\\[\\]]+)\\]\\]");
    private static final Pattern TAG = Pattern.compile("(?:^|\\s)#([^\\s#,\\[\\]()]+)");
    private static final Pattern BLOCK_REF = Pattern.compile("\\(\\(([0-9a-f-]{36})\\)\\)");

    private SpecGraph() {}

    static Graph read(String text) {
        List<Page> pages = new ArrayList<>();
        PageDraft page = null;
        List<int[]> depthOf = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher start = Pattern.compile("^(page|journal|private):: (.+)$").matcher(line);
            if (start.matches()) {
                if (page != null) {
                    pages.add(page.build());
                }
                page = new PageDraft(start.group(1), start.group(2).strip());
                continue;
            }
            int tabs = 0;
            while (tabs < line.length() && line.charAt(tabs) == '\t') {
                tabs++;
            }
            String rest = line.substring(tabs);
            if (rest.startsWith("- ")) {
                page.bullets.add(new Draft(tabs, rest.substring(2)));
            } else if (page.bullets.isEmpty()) {
                Matcher p = PROPERTY.matcher(rest);
                if (!p.matches()) {
                    throw new IllegalArgumentException("not a page property: " + line);
                }
                page.properties.put(p.group(1).toLowerCase(Locale.ROOT), p.group(2).strip());
            } else {
                page.bullets.get(page.bullets.size() - 1).lines.add(rest.strip());
            }
        }
        if (page != null) {
            pages.add(page.build());
        }
        return new Graph("0".repeat(40), GraphConfig.DEFAULTS, pages, Map.of(), List.of());
    }

    private static final class Draft {
        final int depth;
        final List<String> lines = new ArrayList<>();

        Draft(int depth, String first) {
            this.depth = depth;
            lines.add(first);
        }
    }

    private static final class PageDraft {
        final String kind;
        final String name;
        final Integer day;
        final Map<String, String> properties = new LinkedHashMap<>();
        final List<Draft> bullets = new ArrayList<>();

        PageDraft(String kind, String title) {
            this.kind = kind;
            if (kind.equals("journal")) {
                LocalDate d = LocalDate.parse(title);
                this.day = Integer.parseInt(d.format(DateTimeFormatter.BASIC_ISO_DATE));
                this.name = journalTitle(d);
            } else {
                this.day = null;
                this.name = title;
            }
        }

        Page build() {
            List<Block> roots = nest(0, bullets.size(), 0);
            return new Page(
                    name,
                    (day != null ? "journals/" : "pages/") + name + ".md",
                    Block.Format.MARKDOWN,
                    day,
                    !kind.equals("private"),
                    properties,
                    list(properties.get("tags")),
                    list(properties.get("alias")),
                    roots);
        }

        private List<Block> nest(int from, int to, int depth) {
            List<Block> out = new ArrayList<>();
            int i = from;
            while (i < to) {
                int j = i + 1;
                while (j < to && bullets.get(j).depth > bullets.get(i).depth) {
                    j++;
                }
                out.add(block(bullets.get(i), nest(i + 1, j, depth + 1)));
                i = j;
            }
            return out;
        }
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String item : value.split(",")) {
            String s = item.strip().replace("[[", "").replace("]]", "");
            if (s.startsWith("#")) {
                s = s.substring(1);
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static Block block(Draft d, List<Block> children) {
        String first = d.lines.get(0);
        String marker = null;
        String priority = null;
        Matcher m = MARKER.matcher(first);
        if (m.find()) {
            marker = m.group(1);
            first = first.substring(m.end());
        }
        m = PRIORITY.matcher(first);
        if (m.find()) {
            priority = m.group(1).toUpperCase(Locale.ROOT);
            first = first.substring(m.end());
        }
        List<String> kept = new ArrayList<>();
        kept.add(first);
        Map<String, String> props = new LinkedHashMap<>();
        String scheduled = null;
        String deadline = null;
        for (String line : d.lines.subList(1, d.lines.size())) {
            Matcher p = PROPERTY.matcher(line);
            Matcher pl = PLANNING.matcher(line);
            if (p.matches()) {
                props.put(p.group(1).toLowerCase(Locale.ROOT), p.group(2).strip());
            } else if (pl.matches()) {
                if (pl.group(1).equals("SCHEDULED")) {
                    scheduled = pl.group(2);
                } else {
                    deadline = pl.group(2);
                }
            } else {
                kept.add(line);
            }
        }
        String content = String.join("\n", kept);
        LinkedHashSet<Block.Ref> refs = new LinkedHashSet<>();
        StringBuilder refText = new StringBuilder(content);
        for (Map.Entry<String, String> e : props.entrySet()) {
            if (e.getKey().equals("tags") || e.getKey().equals("alias")) {
                for (String t : list(e.getValue())) {
                    refs.add(Block.Ref.page(t));
                }
            } else if (!e.getKey().equals("id")) {
                refText.append('\n').append(e.getValue());
            }
        }
        Matcher r = PAGE_REF.matcher(refText);
        while (r.find()) {
            refs.add(Block.Ref.page(r.group(1)));
        }
        r = TAG.matcher(refText);
        while (r.find()) {
            refs.add(Block.Ref.tag(r.group(1)));
        }
        r = BLOCK_REF.matcher(refText);
        while (r.find()) {
            refs.add(Block.Ref.block(r.group(1)));
        }
        String id = props.get("id");
        return new Block(
                id,
                content,
                props,
                marker,
                priority,
                scheduled,
                deadline,
                0,
                "true".equals(props.get("collapsed")),
                new ArrayList<>(refs),
                children,
                1,
                Block.Format.MARKDOWN);
    }

    /** Logseq's default journal title, {@code MMM do, yyyy}. */
    static String journalTitle(LocalDate d) {
        int dom = d.getDayOfMonth();
        String suffix =
                (dom % 10 == 1 && dom != 11)
                        ? "st"
                        : (dom % 10 == 2 && dom != 12)
                                ? "nd"
                                : (dom % 10 == 3 && dom != 13) ? "rd" : "th";
        return d.format(DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH))
                + " "
                + dom
                + suffix
                + ", "
                + d.getYear();
    }
}
