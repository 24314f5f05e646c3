package dev.draehi.render;

import dev.draehi.model.Block;
import dev.draehi.model.LogseqTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A crude block-text reader for tests: what the real parser in draehi-sync does, roughly. */
final class TestBlocks {
    private static final Pattern MARKER =
            Pattern.compile(
                    "^(TODO|DOING|DONE|LATER|NOW|WAITING|WAIT|CANCELED|CANCELLED|IN-PROGRESS)(?:\\s+|$)");
    private static final Pattern PRIORITY = Pattern.compile("^\\[#([A-Ca-c])\\]\\s*");
    private static final Pattern PROPERTY =
            Pattern.compile("^\\s*([A-Za-z0-9_.*/-]+)::(?:\\s(.*)|)$");
    private static final Pattern PLANNING =
            Pattern.compile("^\\s*(SCHEDULED|DEADLINE):\\s*(<[^>]*>)\\s*$");

    private TestBlocks() {}

    static Block block(String text, Block.Format format, Block... children) {
        String t = text;
        String marker = null;
        String priority = null;
        Matcher m = MARKER.matcher(t);
        if (m.find()) {
            marker = m.group(1);
            t = t.substring(m.end());
        }
        m = PRIORITY.matcher(t);
        if (m.find()) {
            priority = m.group(1).toUpperCase(Locale.ROOT);
            t = t.substring(m.end());
        }
        Map<String, String> props = new LinkedHashMap<>();
        String scheduled = null;
        String deadline = null;
        List<String> kept = new ArrayList<>();
        boolean fence = false;
        boolean drawer = false;
        for (String line : t.split("\n", -1)) {
            String s = line.strip();
            if (s.startsWith("```")) {
                fence = !fence;
            }
            if (!fence) {
                if (drawer) {
                    if (s.equals(":END:")) {
                        drawer = false;
                    }
                    continue;
                }
                if (s.equals(":LOGBOOK:") || s.equals(":PROPERTIES:")) {
                    drawer = true;
                    continue;
                }
                Matcher p = PROPERTY.matcher(line);
                if (p.matches() && !kept.isEmpty()) {
                    props.put(
                            p.group(1).toLowerCase(Locale.ROOT),
                            p.group(2) == null ? "" : p.group(2).strip());
                    continue;
                }
                Matcher pl = PLANNING.matcher(line);
                if (pl.matches()) {
                    if (pl.group(1).equals("SCHEDULED")) {
                        scheduled = pl.group(2);
                    } else {
                        deadline = pl.group(2);
                    }
                    continue;
                }
            }
            kept.add(line);
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        String id = props.get("id");
        List<Block.Ref> refs = new ArrayList<>();
        if (format == Block.Format.ORG && !kept.isEmpty()) {
            // the reader records an Org headline's :a:b: as the block's tags
            for (String tag : LogseqTags.orgHeadlineTags(kept.get(0))) {
                refs.add(Block.Ref.tag(tag));
            }
        }
        int heading = 0;
        if (props.containsKey("heading")) {
            try {
                heading = Integer.parseInt(props.get("heading"));
            } catch (NumberFormatException e) {
                heading = 2;
            }
        }
        return new Block(
                id == null ? null : id.toLowerCase(Locale.ROOT),
                String.join("\n", kept),
                props,
                marker,
                priority,
                scheduled,
                deadline,
                heading,
                "true".equals(props.get("collapsed")),
                refs,
                List.of(children),
                1,
                format);
    }

    static Block md(String text, Block... children) {
        return block(text, Block.Format.MARKDOWN, children);
    }
}
