package dev.draehi.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a graph's {@code config.edn} asks properties to be read, as Logseq's file graphs read them:
 * which keys get a page of their own, whose values are lists of pages separated by commas, and
 * whose values are never read for references.
 *
 * <ul>
 *   <li>{@code :property-pages/enabled?} (default true): every key used in the graph is a page, but
 *       Logseq's built-in keys ({@link BuiltInProperties#isBuiltIn}) and those of {@code
 *       :property-pages/excludelist}; a block or page with the property is a reference of it.
 *   <li>{@code :property/separated-by-commas}: besides {@code tags}, {@code alias} and {@code
 *       aliases}, keys whose plain text is split on commas into page names ({@link
 *       #commaSeparatedNames}); any other value refers only to what is written as {@code [[…]]} or
 *       {@code #…}.
 *   <li>{@code :ignored-page-references-keywords}: keys whose values are never references.
 * </ul>
 *
 * <pre>{@code
 * PropertyRules rules = graph.config().properties();
 * if (rules.keyHasPage("type")) { ... } // the page "type" lists who has type::
 * }</pre>
 *
 * @param pagesEnabled {@code :property-pages/enabled?}
 * @param pagesExcluded {@code :property-pages/excludelist}, lower-cased
 * @param separatedByCommas {@code :property/separated-by-commas}, lower-cased
 * @param ignoredReferenceKeys {@code :ignored-page-references-keywords}, lower-cased
 */
public record PropertyRules(
        boolean pagesEnabled,
        Set<String> pagesExcluded,
        Set<String> separatedByCommas,
        Set<String> ignoredReferenceKeys) {

    /** Logseq's defaults: property pages on, nothing excluded, no extra comma-separated keys. */
    public static final PropertyRules DEFAULTS =
            new PropertyRules(true, Set.of(), Set.of(), Set.of());

    public PropertyRules {
        pagesExcluded = lower(pagesExcluded);
        separatedByCommas = lower(separatedByCommas);
        ignoredReferenceKeys = lower(ignoredReferenceKeys);
    }

    /** These rules with {@code :property-pages/enabled?} set to {@code enabled}. */
    public PropertyRules withPagesEnabled(boolean enabled) {
        return enabled == pagesEnabled
                ? this
                : new PropertyRules(
                        enabled, pagesExcluded, separatedByCommas, ignoredReferenceKeys);
    }

    private static Set<String> lower(Set<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String k : keys) {
            if (k != null && !k.isBlank()) {
                out.add(k.strip().toLowerCase(Locale.ROOT));
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /** True when Logseq makes a page for the property key {@code key}. */
    public boolean keyHasPage(String key) {
        return keyPage(key) != null;
    }

    /**
     * The name of the page Logseq makes for the property key {@code key}, or null when it makes
     * none: the key lower-cased with {@code _} and spaces as {@code -}, as Logseq keeps keys
     * ({@code publication_date} is the page {@code publication-date}).
     */
    public String keyPage(String key) {
        if (!pagesEnabled || key == null || key.isBlank()) {
            return null;
        }
        String k = key.strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        if (BuiltInProperties.isBuiltIn(k) || pagesExcluded.contains(k)) {
            return null;
        }
        return k;
    }

    /** True when the value of {@code key} is never read for references. */
    public boolean valueIsPlain(String key) {
        return BuiltInProperties.valueIsPlain(key)
                || ignoredReferenceKeys.contains(key.toLowerCase(Locale.ROOT));
    }

    /** True when the plain text of {@code key}'s value is a list of page names. */
    public boolean isSeparatedByCommas(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return BuiltInProperties.isPageList(k) || separatedByCommas.contains(k);
    }

    /**
     * The page names a comma-separated value names, in order, each once, as Logseq reads it: the
     * {@code [[…]]} refs and {@code #tags} in it, and every comma-separated ({@code ,} or {@code
     * ，}) piece of the plain text between them, trimmed. Code, URLs, links, block refs and macros
     * are no plain text; a value wrapped in double quotes names none.
     *
     * <pre>{@code
     * commaSeparatedNames("[[a, b]], c，#d") // [a, b, c, d]: the brackets keep "a, b" whole
     * }</pre>
     */
    public static List<String> commaSeparatedNames(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\""))) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        StringBuilder plain = new StringBuilder();
        int n = v.length();
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            int end = -1;
            String name = null;
            if (c == '[' && i + 1 < n && v.charAt(i + 1) == '[') {
                end = bracketed(v, i);
                if (end > 0) {
                    name = v.substring(i + 2, end - 2);
                }
            } else if (c == '#' && LogseqTags.startsAt(v, i)) {
                end = LogseqTags.bracketedEnd(v, i);
                if (end > 0) {
                    name = v.substring(i + 3, end - 2);
                } else {
                    end = LogseqTags.end(v, i);
                    name = end > i + 1 ? v.substring(i + 1, end) : null;
                    if (name == null) {
                        end = -1;
                    }
                }
            } else if (c == '[' && LogseqTags.linkLabelEnd(v, i) > 0) {
                end = v.indexOf(')', LogseqTags.linkLabelEnd(v, i)) + 1; // [label](url)
            } else if ((c == '(' || c == '{') && v.startsWith(c == '(' ? "((" : "{{", i)) {
                int close = v.indexOf(c == '(' ? "))" : "}}", i + 2); // ((block ref)), {{macro}}
                end = close < 0 ? -1 : close + 2;
            } else if (c == '`') {
                int close = v.indexOf('`', i + 1);
                end = close < 0 ? -1 : close + 1;
            } else if (v.startsWith("://", i) && plainWordStart(plain) >= 0) {
                // a URL: its scheme was taken for plain text, the rest up to whitespace is no name
                plain.setLength(plainWordStart(plain));
                end = i + 3;
                while (end < n && !Character.isWhitespace(v.charAt(end))) {
                    end++;
                }
            }
            if (end < 0) {
                plain.append(c);
                i++;
                continue;
            }
            split(plain, out);
            if (name != null && !name.isBlank()) {
                out.add(name.strip());
            }
            i = end;
        }
        split(plain, out);
        return new ArrayList<>(out);
    }

    /** Where the scheme of a URL ending the plain text starts ({@code http} of {@code …, http}). */
    private static int plainWordStart(StringBuilder plain) {
        int j = plain.length();
        while (j > 0 && Character.isLetter(plain.charAt(j - 1))) {
            j--;
        }
        return j < plain.length() ? j : -1;
    }

    private static void split(StringBuilder plain, LinkedHashSet<String> out) {
        int start = 0;
        for (int i = 0; i <= plain.length(); i++) {
            if (i == plain.length() || plain.charAt(i) == ',' || plain.charAt(i) == '，') {
                String piece = plain.substring(start, i).strip();
                if (!piece.isEmpty()) {
                    out.add(piece);
                }
                start = i + 1;
            }
        }
        plain.setLength(0);
    }

    /** The end (exclusive) of the {@code [[…]]} at {@code open}, brackets nested; -1 if none. */
    private static int bracketed(String v, int open) {
        int depth = 0;
        int n = v.length();
        for (int j = open; j + 1 < n; j++) {
            if (v.charAt(j) == '[' && v.charAt(j + 1) == '[') {
                depth++;
                j++;
            } else if (v.charAt(j) == ']' && v.charAt(j + 1) == ']') {
                depth--;
                j++;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }
}
