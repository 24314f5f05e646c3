package dev.draehi.store;

import dev.draehi.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words full-text search finds a node by, and the words of a query: runs of letters, digits and
 * combining marks, lower-cased one code point at a time. Every store splits text this way, so that
 * a query finds the same nodes in memory and in a database.
 *
 * <p>A page is found by its title; a block by the text of its HTML (tags skipped, character
 * references decoded, named ones such as {@code &amp;} read as a space).
 *
 * <p>A word longer than {@value #MAX_WORD_BYTES} bytes in UTF-8 is not a word anyone searches for,
 * and is left out; so are the words of a node after its first {@value #MAX_BYTES} bytes of distinct
 * words. Both are PostgreSQL's limits for a {@code tsvector}.
 *
 * <p>PostgreSQL keeps each node's words as they were split when the node was written: a change to
 * how text is split needs a changeset that fills {@code draehi_search} again.
 */
public final class SearchWords {
    /** The longest word kept, in bytes of UTF-8. */
    public static final int MAX_WORD_BYTES = 2047;

    /** The most bytes of UTF-8 that a node's distinct words take together. */
    public static final int MAX_BYTES = (1 << 20) - 1;

    /** How many words of a query count; a sentence of more says as much in its first ones. */
    public static final int MAX_QUERY_WORDS = 64;

    /**
     * How many matching pages, and how many matching blocks, a search orders to find its first
     * results: a word found in every other block of a large graph costs a bounded read.
     */
    public static final int MAX_CANDIDATES = 1000;

    private static final int WORD_TYPES =
            1 << Character.UPPERCASE_LETTER
                    | 1 << Character.LOWERCASE_LETTER
                    | 1 << Character.TITLECASE_LETTER
                    | 1 << Character.MODIFIER_LETTER
                    | 1 << Character.OTHER_LETTER
                    | 1 << Character.NON_SPACING_MARK
                    | 1 << Character.COMBINING_SPACING_MARK
                    | 1 << Character.ENCLOSING_MARK
                    | 1 << Character.DECIMAL_DIGIT_NUMBER
                    | 1 << Character.LETTER_NUMBER
                    | 1 << Character.OTHER_NUMBER;

    private SearchWords() {}

    /** The distinct words {@code node} is found by, in the order they first appear. */
    public static List<String> of(Node node) {
        return node.isPage() ? ofTitle(node.title()) : ofHtml(node.html());
    }

    /** The distinct words of a page's title. */
    public static List<String> ofTitle(String title) {
        return split(title, false, false);
    }

    /** The distinct words of a block's HTML, without its tags. */
    public static List<String> ofHtml(String html) {
        return split(html, true, false);
    }

    /**
     * The distinct words of a search query, at most its first {@value #MAX_QUERY_WORDS}; empty when
     * it has none, or when it has a word that no node can be found by (one longer than {@value
     * #MAX_WORD_BYTES} bytes), so that such a query finds nothing.
     */
    public static List<String> ofQuery(String query) {
        return split(query, false, true);
    }

    private static List<String> split(String text, boolean html, boolean query) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        int wordBytes = 0;
        int total = 0;
        int n = text.length();
        // where the last '>' is: a '<' after it opens no tag
        int lastClose = html ? text.lastIndexOf('>') : -1;
        int i = 0;
        while (i <= n) {
            int cp = -1;
            int next = i + 1;
            if (i < n) {
                cp = text.codePointAt(i);
                next = i + Character.charCount(cp);
                if (html && cp == '<' && i < lastClose) {
                    next = text.indexOf('>', i) + 1;
                    cp = -1;
                } else if (html && cp == '&') {
                    int semi = semicolon(text, i + 1, Math.min(n, i + 11));
                    if (semi > i + 1) {
                        cp = reference(text, i + 1, semi);
                        next = semi + 1;
                    }
                }
            }
            if (cp >= 0 && (WORD_TYPES >> Character.getType(cp) & 1) != 0) {
                int lower = Character.toLowerCase(cp);
                wordBytes += lower < 0x80 ? 1 : lower < 0x800 ? 2 : lower < 0x10000 ? 3 : 4;
                if (wordBytes <= MAX_WORD_BYTES) {
                    word.appendCodePoint(lower);
                }
            } else if (wordBytes > 0) {
                if (wordBytes > MAX_WORD_BYTES) {
                    if (query) {
                        return List.of();
                    }
                } else {
                    String w = word.toString();
                    if (!words.contains(w)) {
                        if (total + wordBytes > MAX_BYTES) {
                            if (query) {
                                return List.of();
                            }
                            break;
                        }
                        words.add(w);
                        total += wordBytes;
                        if (query && words.size() == MAX_QUERY_WORDS) {
                            break;
                        }
                    }
                }
                word.setLength(0);
                wordBytes = 0;
            }
            i = next;
        }
        return words.isEmpty() ? List.of() : new ArrayList<>(words);
    }

    /** Where the first ';' in {@code text[from, to)} is, or -1: a reference is short. */
    private static int semicolon(String text, int from, int to) {
        for (int j = from; j < to; j++) {
            if (text.charAt(j) == ';') {
                return j;
            }
        }
        return -1;
    }

    /**
     * The character that the reference between {@code &} and {@code ;} stands for: a numeric one
     * decoded, a named one as a space (those draehi writes, {@code &amp; &lt; &gt; &quot;}, are not
     * letters).
     */
    private static int reference(String text, int from, int semi) {
        if (text.charAt(from) != '#') {
            return ' ';
        }
        boolean hex = from + 1 < semi && (text.charAt(from + 1) | 0x20) == 'x';
        int start = hex ? from + 2 : from + 1;
        if (start == semi) {
            return ' ';
        }
        int cp = 0;
        for (int j = start; j < semi; j++) {
            int d = Character.digit(text.charAt(j), hex ? 16 : 10);
            if (d < 0) {
                return ' ';
            }
            cp = cp * (hex ? 16 : 10) + d;
            if (cp > Character.MAX_CODE_POINT) {
                return ' ';
            }
        }
        return cp;
    }
}
