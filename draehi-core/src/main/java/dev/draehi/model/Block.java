package dev.draehi.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Logseq block: its text and what the parser read off it, and its children in order.
 *
 * @param id the block's {@code id::} (lower case), or {@code null}
 * @param content the block's text without bullet, indentation, property lines, drawers, task
 *     marker, priority and planning lines; blank lines and code indentation kept
 * @param properties the block's {@code key:: value} properties, keys lower-cased, in file order
 * @param marker the task marker ({@code TODO}, {@code DONE}, …), or {@code null}
 * @param priority the priority letter ({@code A}), or {@code null}
 * @param scheduled the {@code SCHEDULED:} timestamp text, or {@code null}
 * @param deadline the {@code DEADLINE:} timestamp text, or {@code null}
 * @param headingLevel 1–6 when the block is a heading ({@code #} or {@code heading::}), else 0
 * @param collapsed {@code collapsed:: true}
 * @param refs every page, tag, block and embed reference the block makes, as written
 * @param line the 1-based line of the block's first line in its file
 * @param format the source format
 */
public record Block(
        String id,
        String content,
        Map<String, String> properties,
        String marker,
        String priority,
        String scheduled,
        String deadline,
        int headingLevel,
        boolean collapsed,
        List<Ref> refs,
        List<Block> children,
        int line,
        Format format) {

    public Block {
        Objects.requireNonNull(content, "content");
        properties =
                properties == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(properties));
        refs = refs == null ? List.of() : List.copyOf(refs);
        children = children == null ? List.of() : List.copyOf(children);
        format = format == null ? Format.MARKDOWN : format;
    }

    /** A plain Markdown block with text and children, for tests and programmatic graphs. */
    public static Block of(String content, Block... children) {
        return new Block(
                null,
                content,
                Map.of(),
                null,
                null,
                null,
                null,
                0,
                false,
                List.of(),
                List.of(children),
                0,
                Format.MARKDOWN);
    }

    /** Every block of the trees {@code roots}, in document order (pre-order), without recursion. */
    public static List<Block> preOrder(List<Block> roots) {
        List<Block> out = new java.util.ArrayList<>();
        java.util.ArrayList<Block> stack = new java.util.ArrayList<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.add(roots.get(i));
        }
        while (!stack.isEmpty()) {
            Block b = stack.remove(stack.size() - 1);
            out.add(b);
            for (int i = b.children().size() - 1; i >= 0; i--) {
                stack.add(b.children().get(i));
            }
        }
        return out;
    }

    /** A source file format. */
    public enum Format {
        MARKDOWN,
        ORG
    }

    /**
     * A reference as written in the block.
     *
     * @param target a page name as written (for {@code PAGE}, {@code TAG}, page {@code EMBED}) or a
     *     block uuid (for {@code BLOCK}, block {@code EMBED})
     * @param toBlock true when {@code target} is a block uuid
     */
    public record Ref(Reference.Kind kind, String target, boolean toBlock) {
        public Ref {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
        }

        /** A page ref {@code [[target]]}. */
        public static Ref page(String target) {
            return new Ref(Reference.Kind.PAGE, target, false);
        }

        /** A tag {@code #target}. */
        public static Ref tag(String target) {
            return new Ref(Reference.Kind.TAG, target, false);
        }

        /** A block ref {@code ((uuid))}. */
        public static Ref block(String uuid) {
            return new Ref(Reference.Kind.BLOCK, uuid, true);
        }

        /** An embed of a page or, with {@code toBlock}, a block. */
        public static Ref embed(String target, boolean toBlock) {
            return new Ref(Reference.Kind.EMBED, target, toBlock);
        }

        /**
         * True when {@code ((} at {@code i} opens a block ref: {@code ((uuid))}, the uuid in
         * 8-4-4-4-12 form, any case.
         */
        public static boolean isBlockRefAt(CharSequence text, int i) {
            Objects.requireNonNull(text, "text");
            return i >= 0
                    && i + 40 <= text.length()
                    && text.charAt(i) == '('
                    && text.charAt(i + 1) == '('
                    && text.charAt(i + 38) == ')'
                    && text.charAt(i + 39) == ')'
                    && isUuid(text, i + 2);
        }

        /** True when the 36 characters at {@code at} are a uuid in 8-4-4-4-12 form, any case. */
        public static boolean isUuid(CharSequence text, int at) {
            Objects.requireNonNull(text, "text");
            if (at < 0 || at + 36 > text.length()) {
                return false;
            }
            for (int k = 0; k < 36; k++) {
                char c = text.charAt(at + k);
                if (k == 8 || k == 13 || k == 18 || k == 23) {
                    if (c != '-') {
                        return false;
                    }
                } else if (!((c >= '0' && c <= '9')
                        || (c >= 'a' && c <= 'f')
                        || (c >= 'A' && c <= 'F'))) {
                    return false;
                }
            }
            return true;
        }
    }
}
