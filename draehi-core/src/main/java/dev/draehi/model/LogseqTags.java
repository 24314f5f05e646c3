package dev.draehi.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a Logseq tag starts and ends in text, as Logseq's parser (mldoc) reads it: the one rule
 * that the graph reader (which records tags as refs) and the renderer (which shows them as links)
 * both follow.
 *
 * <p>A {@code #} starts a tag at the start of the text, after whitespace or after one of <code>
 * !"',.:;&lt;=?@_&#123;~</code>, never inside a word (so {@code http://x.com/#frag} holds no tag),
 * and not as {@code ##} or {@code #+}. The tag runs to whitespace or a backtick, less trailing
 * sentence punctuation ({@code . , : ; ! ? " '}) and less a closing emphasis run ({@code **},
 * {@code __}, {@code ~~}, {@code ^^}, {@code ==}) opened before it on its line: {@code (see
 * #followup)} tags {@code followup)}, {@code **a #tag**} tags {@code tag}. {@code #[[multi word]]}
 * is a tag too. No tag starts in the label of a {@code [label](url)} link ({@link #linkLabelEnd}).
 *
 * <pre>{@code
 * int hash = text.indexOf('#');
 * if (LogseqTags.startsAt(text, hash)) {
 *     String tag = text.substring(hash + 1, LogseqTags.end(text, hash));
 * }
 * }</pre>
 *
 * <p>Org headlines carry tags of their own, {@code * Heading :a:b:} ({@link #orgHeadlineTags}).
 */
public final class LogseqTags {
    /** How far back on its line a tag looks for the emphasis run that its end may close. */
    private static final int EMPHASIS_LOOKBACK = 200;

    private static final String STARTS_AFTER = "!\"',.:;<=?@_{~";
    private static final String TRAILING_PUNCTUATION = ".,:;!?\"'";
    private static final String EMPHASIS = "*_~^=";

    private LogseqTags() {}

    /**
     * True when the {@code #} at {@code i} starts a tag: it is at the start, after whitespace or
     * after one of <code>!"',.:;&lt;=?@_&#123;~</code>, and not followed by another {@code #} or a
     * {@code +} (a heading or an Org directive). A {@code #} followed by whitespace starts an empty
     * tag, which is no tag: check {@code end(text, i) > i + 1}.
     */
    public static boolean startsAt(CharSequence text, int i) {
        Objects.requireNonNull(text, "text");
        if (i < 0 || i >= text.length() || text.charAt(i) != '#') {
            return false;
        }
        if (i + 1 < text.length() && (text.charAt(i + 1) == '#' || text.charAt(i + 1) == '+')) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        char p = text.charAt(i - 1);
        return Character.isWhitespace(p) || STARTS_AFTER.indexOf(p) >= 0;
    }

    /**
     * The end (exclusive) of the tag whose {@code #} is at {@code hash}, written without brackets:
     * the tag is {@code text.substring(hash + 1, end)}, empty when {@code end == hash + 1}. Runs to
     * whitespace or a backtick, less trailing sentence punctuation and less a closing emphasis run
     * opened earlier on the line.
     */
    public static int end(CharSequence text, int hash) {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        int j = hash + 1;
        while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '`') {
            j++;
        }
        boolean trimmed = true;
        while (trimmed && j > hash + 1) {
            trimmed = false;
            while (j > hash + 1 && TRAILING_PUNCTUATION.indexOf(text.charAt(j - 1)) >= 0) {
                j--;
                trimmed = true;
            }
            int r = j;
            while (r > hash + 1 && EMPHASIS.indexOf(text.charAt(r - 1)) >= 0) {
                r--;
            }
            if (r < j && openedBefore(text, hash, text.subSequence(r, j).toString())) {
                j = r;
                trimmed = true;
            }
        }
        return j;
    }

    /** True when {@code run} occurs on the line of {@code i}, before it and near it. */
    private static boolean openedBefore(CharSequence text, int i, String run) {
        int from = i;
        while (from > 0 && i - from < EMPHASIS_LOOKBACK && text.charAt(from - 1) != '\n') {
            from--;
        }
        return text.subSequence(from, i).toString().contains(run);
    }

    /**
     * The end (exclusive) of {@code #[[name]]} whose {@code #} is at {@code hash}, brackets nested
     * ({@code #[[a [[b]]]]}) and on one line, or -1 when no such tag starts there.
     */
    public static int bracketedEnd(CharSequence text, int hash) {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        if (hash + 2 >= n || text.charAt(hash + 1) != '[' || text.charAt(hash + 2) != '[') {
            return -1;
        }
        int depth = 0;
        for (int j = hash + 1; j + 1 < n; j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == '[' && text.charAt(j + 1) == '[') {
                depth++;
                j++;
            } else if (c == ']' && text.charAt(j + 1) == ']') {
                depth--;
                j++;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }

    /**
     * Where the label of a {@code [label](destination)} link whose {@code [} is at {@code open}
     * ends (the index of its {@code ]}), or -1 when no such link starts there: mldoc reads no tag
     * in a link label. The {@code ]} is the first after {@code open} on its line, with no {@code [}
     * before it, directly followed by {@code (}, and a {@code )} on that line closes the
     * destination; {@code [[page]]} is no link.
     */
    public static int linkLabelEnd(CharSequence text, int open) {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        if (open < 0
                || open + 1 >= n
                || text.charAt(open) != '['
                || text.charAt(open + 1) == '['
                || (open > 0 && text.charAt(open - 1) == '[')) {
            return -1;
        }
        for (int j = open + 1; j < n; j++) {
            char c = text.charAt(j);
            if (c == '\n' || c == '[') {
                return -1;
            }
            if (c == ']') {
                if (j + 1 >= n || text.charAt(j + 1) != '(') {
                    return -1;
                }
                for (int k = j + 2; k < n && text.charAt(k) != '\n'; k++) {
                    if (text.charAt(k) == ')') {
                        return j;
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    /**
     * The tags of plain text in order, as written ({@code #tag} and {@code #[[multi word]]} without
     * {@code #} and brackets), duplicates kept. Code, links and macros are not looked for: callers
     * that read Markdown skip those first.
     */
    public static List<String> find(CharSequence text) {
        Objects.requireNonNull(text, "text");
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int label = text.charAt(i) == '[' ? linkLabelEnd(text, i) : -1;
            if (label > 0) {
                i = label + 1;
                continue;
            }
            if (!startsAt(text, i)) {
                i++;
                continue;
            }
            int bracketed = bracketedEnd(text, i);
            if (bracketed > 0) {
                String name = text.subSequence(i + 3, bracketed - 2).toString().strip();
                if (!name.isEmpty()) {
                    out.add(name);
                }
                i = bracketed;
                continue;
            }
            int e = end(text, i);
            if (e > i + 1) {
                out.add(text.subSequence(i + 1, e).toString());
            }
            i = Math.max(e, i + 1);
        }
        return out;
    }

    /**
     * The tags an Org headline ends with, {@code * Heading :a:b:} giving {@code [a, b]}: a last
     * word after a space, of the form {@code :x:y:}, each tag non-empty and without {@code _},
     * {@code ^}, {@code #} or {@code %} (mldoc reads those as markup, and the word as text). {@code
     * headline} is the headline's text after the stars, task marker and priority.
     */
    public static List<String> orgHeadlineTags(String headline) {
        int start = orgHeadlineTagsStart(headline);
        if (start < 0) {
            return List.of();
        }
        String word = headline.substring(start).strip();
        return List.of(word.substring(1, word.length() - 1).split(":"));
    }

    /**
     * Where the tags of an Org headline start (the space before {@code :a:b:}), so that {@code
     * headline.substring(0, start)} is its title; -1 when it has none ({@link #orgHeadlineTags}).
     */
    public static int orgHeadlineTagsStart(String headline) {
        Objects.requireNonNull(headline, "headline");
        int end = headline.length();
        while (end > 0 && (headline.charAt(end - 1) == ' ' || headline.charAt(end - 1) == '\t')) {
            end--;
        }
        int space = headline.lastIndexOf(' ', end - 1);
        if (space < 0 || end - space - 1 < 3) {
            return -1;
        }
        if (headline.charAt(space + 1) != ':' || headline.charAt(end - 1) != ':') {
            return -1;
        }
        for (int k = space + 1; k < end; k++) {
            char c = headline.charAt(k);
            if (Character.isWhitespace(c) || "_^#%".indexOf(c) >= 0) {
                return -1;
            }
            if (c == ':' && k > space + 1 && headline.charAt(k - 1) == ':') {
                return -1;
            }
        }
        return space;
    }
}
