package dev.draehi.sync.internal;

import dev.draehi.edn.EdnReader;
import dev.draehi.model.Block;
import dev.draehi.model.SyncWarning;
import dev.draehi.model.Whiteboard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whiteboard file ({@code whiteboards/*.edn}) as a page: its first block carries the file under
 * {@link Whiteboard#PROPERTY} (the renderer draws it) and, as its content, the text of its shapes
 * (what search and full-text queries find); then one block per page or block a portal shows, so
 * that those pages list the whiteboard among their linked references. The page's title is the
 * whiteboard's {@code :block/original-name}.
 */
public final class WhiteboardParser {
    private WhiteboardParser() {}

    public static ParsedFile parse(String path, String text) {
        List<SyncWarning> warnings = new ArrayList<>();
        Whiteboard wb;
        try {
            wb = Whiteboard.read(text);
        } catch (EdnReader.EdnException e) {
            warnings.add(new SyncWarning(path, e.line(), "whiteboard not read: " + e.getMessage()));
            wb = new Whiteboard(null, List.of(), Map.of());
        }
        StringBuilder content = new StringBuilder();
        Set<String> portals = new LinkedHashSet<>();
        for (Whiteboard.Shape s : wb.shapes()) {
            String words = s.type().equals("text") ? s.string("text") : s.string("label");
            if (words != null && !words.isBlank()) {
                content.append(content.length() == 0 ? "" : "\n").append(words.strip());
            }
            String target = s.string("pageId");
            if (s.type().equals("logseq-portal") && target != null && !target.isBlank()) {
                portals.add(("P".equals(s.string("blockType")) ? "P" : "B") + target.strip());
            }
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(
                Block.of(content.toString())
                        .withProperties(Map.of(Whiteboard.PROPERTY, text))
                        .withLine(1));
        for (String p : portals) {
            String target = p.substring(1);
            boolean page = p.charAt(0) == 'P';
            blocks.add(
                    Block.of(page ? "[[" + target + "]]" : "((" + target + "))")
                            .withRefs(
                                    List.of(
                                            page
                                                    ? Block.Ref.page(target)
                                                    : Block.Ref.block(target)))
                            .withLine(1));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (wb.title() != null && !wb.title().isBlank()) {
            properties.put("title", wb.title());
        }
        return new ParsedFile(Block.Format.MARKDOWN, properties, blocks, blocks.size(), warnings);
    }
}
