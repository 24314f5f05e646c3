package dev.draehi.web;

/**
 * Writes HTML (or XML) that escapes by construction: {@link #text} and every attribute value go
 * through {@link Html#escape}, element and attribute names are the caller's constants, and {@link
 * #raw} is only for HTML that is already rendered and sanitized (a block's stored HTML). Modelled
 * on commonmark's {@code HtmlWriter}.
 *
 * <pre>{@code
 * HtmlWriter w = new HtmlWriter();
 * w.tag("a", "class", "page-reference", "href", url).text(title).end("a");
 * }</pre>
 */
public final class HtmlWriter {
    private final StringBuilder out;

    /** A writer into a new buffer. */
    public HtmlWriter() {
        this(new StringBuilder(256));
    }

    /** A writer into a new buffer of {@code capacity} characters. */
    public HtmlWriter(int capacity) {
        this(new StringBuilder(capacity));
    }

    /** A writer that appends to {@code out}. */
    public HtmlWriter(StringBuilder out) {
        this.out = out;
    }

    /**
     * An opening tag {@code <name a="v" …>}. {@code attrs} are name, value pairs: a value is
     * escaped; {@code null} or {@code false} leaves the attribute out, {@code true} writes its name
     * alone ({@code defer}, {@code required}). Void elements ({@code meta}, {@code input}) are
     * written the same way, without a closing tag.
     */
    public HtmlWriter tag(String name, Object... attrs) {
        if ((attrs.length & 1) != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(name);
        for (int i = 0; i < attrs.length; i += 2) {
            Object value = attrs[i + 1];
            if (value == null || Boolean.FALSE.equals(value)) {
                continue;
            }
            out.append(' ').append((String) attrs[i]);
            if (!Boolean.TRUE.equals(value)) {
                out.append("=\"");
                Html.escape(value.toString(), out);
                out.append('"');
            }
        }
        out.append('>');
        return this;
    }

    /** An empty XML element {@code <name a="v" …/>}, attributes as {@link #tag} takes them. */
    public HtmlWriter emptyTag(String name, Object... attrs) {
        tag(name, attrs);
        out.setLength(out.length() - 1);
        out.append("/>");
        return this;
    }

    /** A closing tag {@code </name>}. */
    public HtmlWriter end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element holding only text: {@code <name …>text</name>}. */
    public HtmlWriter element(String name, String text, Object... attrs) {
        return tag(name, attrs).text(text).end(name);
    }

    /** Text, escaped; nothing for {@code null}. */
    public HtmlWriter text(String text) {
        Html.escape(text, out);
        return this;
    }

    /** A number as text. */
    public HtmlWriter text(long number) {
        out.append(number);
        return this;
    }

    /** A numeric character reference, e.g. {@code &#183;} for {@code 0xB7}. */
    public HtmlWriter charRef(int codePoint) {
        out.append("&#").append(codePoint).append(';');
        return this;
    }

    /** A line break in the source. */
    public HtmlWriter line() {
        out.append('\n');
        return this;
    }

    /**
     * HTML as it is: only for markup that is already rendered and sanitized, such as a block's
     * stored HTML, or a literal of the caller's own that holds no data.
     */
    public HtmlWriter raw(CharSequence html) {
        if (html != null) {
            out.append(html);
        }
        return this;
    }

    /** The characters written so far. */
    public int length() {
        return out.length();
    }

    /** What was written. */
    @Override
    public String toString() {
        return out.toString();
    }
}
