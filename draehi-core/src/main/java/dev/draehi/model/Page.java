package dev.draehi.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Logseq page: from a file, or generated because a namespace or a reference names it.
 *
 * @param name the page name with its original case, NFC-normalised (for a journal, its title in the
 *     graph's title format, e.g. {@code Jan 31st, 2024})
 * @param file the source path relative to the graph root, or {@code null} for a generated page
 * @param journalDay {@code yyyyMMdd} for a journal page, else {@code null}
 * @param published false for {@code public:: false}, hidden paths and (under the strict rule) pages
 *     without {@code public:: true}; unpublished pages are never stored
 * @param properties the page properties (first pre-block or front matter), keys lower-cased
 * @param tags the page's {@code tags::}, as written
 * @param aliases the page's {@code alias::} names, as written
 * @param blocks the top-level blocks, each with its children
 * @param refs the page and tag references its page properties make ({@code type:: [[Feature]]},
 *     {@code tags:: a, b}, {@code alias:: c}): the page itself is their source, as Logseq's
 *     properties pre-block is
 */
public record Page(
        String name,
        String file,
        Block.Format format,
        Integer journalDay,
        boolean published,
        Map<String, String> properties,
        List<String> tags,
        List<String> aliases,
        List<Block> blocks,
        List<Block.Ref> refs) {

    /** A page whose properties make no references. */
    public Page(
            String name,
            String file,
            Block.Format format,
            Integer journalDay,
            boolean published,
            Map<String, String> properties,
            List<String> tags,
            List<String> aliases,
            List<Block> blocks) {
        this(
                name,
                file,
                format,
                journalDay,
                published,
                properties,
                tags,
                aliases,
                blocks,
                List.of());
    }

    public Page {
        Objects.requireNonNull(name, "name");
        format = format == null ? Block.Format.MARKDOWN : format;
        properties =
                properties == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(properties));
        tags = tags == null ? List.of() : List.copyOf(tags);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        refs = refs == null ? List.of() : List.copyOf(refs);
    }

    /** A published page generated with no file and no blocks. */
    public static Page generated(String name) {
        return new Page(name, null, null, null, true, Map.of(), List.of(), List.of(), List.of());
    }

    /** Logseq's identity of this page (see {@link PageNames#identity}). */
    public String identity() {
        return PageNames.identity(name);
    }

    /** True for a page with no file. */
    public boolean isGenerated() {
        return file == null;
    }

    /** True for a journal page. */
    public boolean isJournal() {
        return journalDay != null;
    }

    /** How many blocks the page has, at every depth: {@code flatBlocks().size()}, counted. */
    public int blockCount() {
        int n = 0;
        ArrayList<Block> stack = new ArrayList<>(blocks);
        while (!stack.isEmpty()) {
            Block b = stack.remove(stack.size() - 1);
            n++;
            stack.addAll(b.children());
        }
        return n;
    }

    /** Every block of the page in document order (pre-order over the tree). */
    public List<Block> flatBlocks() {
        return Block.preOrder(blocks);
    }
}
