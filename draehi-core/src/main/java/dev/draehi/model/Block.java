package dev.draehi.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Logseq block: its text and what the parser read off it, and its children in order.
 *
 * <p>In code, start from {@link #of} and change single components with the {@code with…} methods,
 * each of which returns a copy that differs in that component only:
 *
 * <pre>{@code
 * Block task = Block.of("write the report").withMarker("TODO").withLine(3);
 * Block linked = Block.of("see [[Beta]]").withRefs(List.of(Block.Ref.page("Beta")));
 * }</pre>
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

    /** This block with {@code id} as its id ({@code null} for none). */
    public Block withId(String id) {
        return copy(c -> c.id = id);
    }

    /** This block with {@code properties} (copied, in their order) as its properties. */
    public Block withProperties(Map<String, String> properties) {
        return copy(c -> c.properties = properties);
    }

    /** This block with {@code marker} as its task marker ({@code null} for none). */
    public Block withMarker(String marker) {
        return copy(c -> c.marker = marker);
    }

    /** This block with {@code refs} (copied) as its references. */
    public Block withRefs(List<Ref> refs) {
        return copy(c -> c.refs = refs);
    }

    /** This block with {@code children} (copied) as its children. */
    public Block withChildren(List<Block> children) {
        return copy(c -> c.children = children);
    }

    /** This block at 1-based {@code line} of its file. */
    public Block withLine(int line) {
        return copy(c -> c.line = line);
    }

    /** This block in source {@code format} ({@code null} for Markdown). */
    public Block withFormat(Format format) {
        return copy(c -> c.format = format);
    }

    /** A new block from this one's components as {@code change} leaves them. */
    private Block copy(java.util.function.Consumer<Components> change) {
        Components c = new Components(this);
        change.accept(c);
        return new Block(
                c.id,
                c.content,
                c.properties,
                c.marker,
                c.priority,
                c.scheduled,
                c.deadline,
                c.headingLevel,
                c.collapsed,
                c.refs,
                c.children,
                c.line,
                c.format);
    }

    /** A block's components, open to change, for {@link #copy}. */
    private static final class Components {
        String id;
        final String content;
        Map<String, String> properties;
        String marker;
        final String priority;
        final String scheduled;
        final String deadline;
        final int headingLevel;
        final boolean collapsed;
        List<Ref> refs;
        List<Block> children;
        int line;
        Format format;

        Components(Block b) {
            id = b.id;
            content = b.content;
            properties = b.properties;
            marker = b.marker;
            priority = b.priority;
            scheduled = b.scheduled;
            deadline = b.deadline;
            headingLevel = b.headingLevel;
            collapsed = b.collapsed;
            refs = b.refs;
            children = b.children;
            line = b.line;
            format = b.format;
        }
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
