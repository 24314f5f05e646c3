package dev.draehi.site.internal;

import java.util.regex.Pattern;

/**
 * What a page's rendered content needs beyond the site's own style sheet and script (math, code
 * blocks, previews of links, graph views, unlinked references, clozes, whiteboards), read off its
 * HTML in one pass over its {@code class} attributes: the layout links each feature's files only
 * where a page has it.
 */
final class PageFeatures {
    static final int MATH = 1;
    static final int REFERENCES = 1 << 1;
    static final int GRAPH = 1 << 2;
    static final int UNLINKED = 1 << 3;
    static final int CODE = 1 << 4;
    static final int CLOZE = 1 << 5;
    static final int WHITEBOARD = 1 << 6;

    private static final String CLASS = " class=\"";
    // a code block is pre > code, with nothing but space between them
    private static final Pattern CODE_BLOCK = Pattern.compile("<pre(?:\\s[^>]*)?>\\s*<code[\\s>]");

    private PageFeatures() {}

    /** The features of {@code html} as a set of the bits above. */
    static int of(String html) {
        int found = 0;
        for (int i = html.indexOf(CLASS); i >= 0; i = html.indexOf(CLASS, i + CLASS.length())) {
            found |= feature(html, i, i + CLASS.length());
        }
        for (int i = html.indexOf("<pre"); i >= 0; i = html.indexOf("<pre", i + 4)) {
            if (CODE_BLOCK.matcher(html).region(i, html.length()).lookingAt()) {
                found |= CODE;
                break;
            }
        }
        return found;
    }

    /** Whether {@code html} has every feature in {@code features}. */
    static boolean has(int found, int features) {
        return (found & features) == features;
    }

    /** The feature the class value at {@code v} (its attribute at {@code at}) shows, or 0. */
    private static int feature(String html, int at, int v) {
        if (v >= html.length()) {
            return 0;
        }
        return switch (html.charAt(v)) {
            case 'm' ->
                    value(html, v, "math inline\"") || value(html, v, "math display\"") ? MATH : 0;
            case 'p' -> value(html, v, "page-reference\"") ? REFERENCES : 0;
            case 'h' -> value(html, v, "hashtag-link\"") ? REFERENCES : 0;
            case 't' -> value(html, v, "tag\"") ? REFERENCES : 0;
            case 'b' -> value(html, v, "block-reference") ? REFERENCES : 0;
            case 'g' -> value(html, v, "graph-view ") ? GRAPH : 0;
            case 'u' -> value(html, v, "unlinked-references\"") ? UNLINKED : 0;
            case 'c' -> value(html, v, "cloze\"") && html.startsWith("<span", at - 5) ? CLOZE : 0;
            case 'w' ->
                    value(html, v, "whiteboard\"") && html.startsWith("<figure", at - 7)
                            ? WHITEBOARD
                            : 0;
            default -> 0;
        };
    }

    private static boolean value(String html, int v, String value) {
        return html.startsWith(value, v);
    }
}
