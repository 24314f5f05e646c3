package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.model.LogseqTags;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Marks Logseq inline constructs in the text of one inline container before commonmark parses it.
 *
 * <p>commonmark handles {@code [} itself before any custom inline parser is asked, so {@code
 * [[page]]} cannot be claimed by an {@code InlineContentParser}. This pass wraps each construct as
 * {@code START kind payload END} (the control characters STX and ETX, stripped from the input
 * first; a low character keeps commonmark's special-character table small); {@link
 * SentinelInlineParser} turns the marks into nodes. Code spans, escapes, raw HTML tags and URLs are
 * copied untouched. Every step is linear: matches are precomputed, never searched per position.
 */
public final class InlineMarker {
    public static final char START = '\u0002';
    public static final char END = '\u0003';

    public static final char PAGE = 'P';
    public static final char TAG = 'T';
    public static final char BLOCK = 'B';
    public static final char MACRO = 'M';
    public static final char MATH = 'm';
    public static final char MATH_DISPLAY = 'D';
    public static final char ATTRIBUTES = 'A';

    /** Link destinations that stand for {@code [label]([[page]])} and {@code [label](((uuid)))}. */
    public static final String PAGE_LINK_PREFIX = "draehi:page:";

    public static final String BLOCK_LINK_PREFIX = "draehi:block:";

    private InlineMarker() {}

    /** Replaces the characters the marks use, so that no input can forge a mark. */
    public static String clean(String s) {
        if (s.indexOf(START) < 0 && s.indexOf(END) < 0) {
            return s;
        }
        return s.replace(START, '\uFFFD').replace(END, '\uFFFD');
    }

    /** True when {@code s} is a block uuid. */
    public static boolean isUuid(String s) {
        return s.length() == 36 && Block.Ref.isUuid(s, 0);
    }

    /** Marks {@code text}; returns it unchanged when nothing is there to mark. */
    public static String mark(String input) {
        String text = clean(input);
        int n = text.length();
        boolean[] code = codeSpans(text);
        // commonmark nests emphasis and images recursively; thousands of delimiters in one
        // paragraph could nest deep enough to overflow the stack, so such text is taken literally.
        boolean escapeDelimiters = countDelimiters(text, code) > MAX_DELIMITERS;
        if (!escapeDelimiters && !mayContainConstruct(text)) {
            return text;
        }
        int[] squareMatch = matchPairs(text, code, '[', ']');
        int[] curlyMatch = matchPairs(text, code, '{', '}');
        int[] nextGt = nextIndexOf(text, '>');
        int[] nextDollar = nextIndexOf(text, '$');
        int[] nextCurlyClose = nextIndexOf(text, '}');

        StringBuilder out = new StringBuilder(n + 16);
        int[] mathClose = {-2, -2, -1};
        int linkLabelEnd = -1;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (code[i]) {
                out.append(c);
                i++;
                continue;
            }
            switch (c) {
                case '\\':
                    if (i + 1 < n && (text.charAt(i + 1) == '(' || text.charAt(i + 1) == '[')) {
                        // \(inline\) and \[display\] math, closed on the same line
                        boolean display = text.charAt(i + 1) == '[';
                        int k = display ? 1 : 0;
                        // each closer is searched for once per position it was found at
                        if (mathClose[k] != -1 && mathClose[k] < i + 2) {
                            mathClose[k] = text.indexOf(display ? "\\]" : "\\)", i + 2);
                        }
                        int close = mathClose[k];
                        if (mathClose[2] < i) {
                            int nl = text.indexOf('\n', i);
                            mathClose[2] = nl < 0 ? n : nl;
                        }
                        if (close > i + 2 && close < mathClose[2]) {
                            mark(out, display ? MATH_DISPLAY : MATH, text, i + 2, close);
                            i = close + 2;
                            continue;
                        }
                    }
                    out.append(c);
                    if (i + 1 < n) {
                        out.append(text.charAt(i + 1));
                    }
                    i += 2;
                    continue;
                case '<':
                    if (i + 1 < n && isTagStart(text.charAt(i + 1)) && nextGt[i] >= 0) {
                        int gt = nextGt[i];
                        String inside = text.substring(i + 1, gt);
                        if (inside.indexOf(':') < 0
                                && inside.indexOf('@') < 0
                                && !HtmlPolicy.isElement(elementName(text, i + 1, gt))) {
                            // <thread>, List<String>: not HTML, so text, as Logseq shows it
                            out.append('\\').append(c);
                            i++;
                            continue;
                        }
                        out.append(text, i, gt + 1);
                        i = gt + 1;
                        continue;
                    }
                    break;
                case 'h':
                case 'w':
                    {
                        int end = urlEnd(text, i);
                        if (end > i) {
                            out.append(text, i, end);
                            i = end;
                            continue;
                        }
                        break;
                    }
                case ']':
                    if (i + 1 < n && text.charAt(i + 1) == '(') {
                        i = linkDestination(text, i, squareMatch, out);
                        continue;
                    }
                    break;
                case '#':
                    {
                        int end = i < linkLabelEnd ? i : tag(text, i, squareMatch, out);
                        if (end > i) {
                            i = end;
                            continue;
                        }
                        break;
                    }
                case '[':
                    if (squareMatch[i] > 0 && !text.substring(i + 2, squareMatch[i]).isBlank()) {
                        int close = squareMatch[i];
                        mark(out, PAGE, text, i + 2, close);
                        i = close + 2;
                        continue;
                    }
                    if (i >= linkLabelEnd) {
                        // no tag in the label of a [label](url) link
                        linkLabelEnd = LogseqTags.linkLabelEnd(text, i);
                    }
                    break;
                case '(':
                    if (Block.Ref.isBlockRefAt(text, i)) {
                        mark(out, BLOCK, text, i + 2, i + 38);
                        i += 40;
                        continue;
                    }
                    break;
                case '{':
                    if (curlyMatch[i] > 0) {
                        int close = curlyMatch[i];
                        mark(out, MACRO, text, i + 2, close);
                        i = close + 2;
                        continue;
                    }
                    if (i + 1 < n
                            && text.charAt(i + 1) == ':'
                            && out.length() > 0
                            && out.charAt(out.length() - 1) == ')'
                            && nextCurlyClose[i] > 0) {
                        int close = nextCurlyClose[i];
                        mark(out, ATTRIBUTES, text, i + 1, close);
                        i = close + 1;
                        continue;
                    }
                    break;
                case '$':
                    {
                        int end = math(text, i, nextDollar, out);
                        if (end > i) {
                            i = end;
                            continue;
                        }
                        break;
                    }
                default:
                    break;
            }
            if (escapeDelimiters && isDelimiter(c)) {
                out.append('\\');
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static final int MAX_DELIMITERS = 1000;

    private static boolean isDelimiter(char c) {
        switch (c) {
            case '*':
            case '_':
            case '~':
            case '=':
            case '^':
            case '[':
            case ']':
            case '!':
                return true;
            default:
                return false;
        }
    }

    private static int countDelimiters(String text, boolean[] code) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!code[i] && isDelimiter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean mayContainConstruct(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '[':
                case '#':
                case '(':
                case '{':
                case '$':
                case '\\':
                case '<':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    private static void mark(StringBuilder out, char kind, String text, int from, int to) {
        out.append(START).append(kind).append(text, from, to).append(END);
    }

    /** The lower-cased element name of a tag from {@code at} (after {@code <}) to {@code gt}. */
    private static String elementName(String text, int at, int gt) {
        int k = at;
        if (k < gt && text.charAt(k) == '/') {
            k++;
        }
        int start = k;
        while (k < gt && Character.isLetterOrDigit(text.charAt(k))) {
            k++;
        }
        return text.substring(start, k).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isTagStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
    }

    /** Positions inside code spans (backtick runs matched by an equal run), backticks included. */
    private static boolean[] codeSpans(String text) {
        int n = text.length();
        boolean[] code = new boolean[n];
        if (text.indexOf('`') < 0) {
            return code;
        }
        // Runs of backticks, and for each run the next run of the same length.
        int[] runStart = new int[n];
        int[] runLen = new int[n];
        int runs = 0;
        for (int i = 0; i < n; ) {
            if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) == '`') {
                i += 2;
                continue;
            }
            if (text.charAt(i) == '`') {
                int j = i;
                while (j < n && text.charAt(j) == '`') {
                    j++;
                }
                runStart[runs] = i;
                runLen[runs] = j - i;
                runs++;
                i = j;
            } else {
                i++;
            }
        }
        int[] next = new int[runs];
        java.util.Map<Integer, Integer> lastSeen = new java.util.HashMap<>();
        for (int r = runs - 1; r >= 0; r--) {
            Integer later = lastSeen.get(runLen[r]);
            next[r] = later == null ? -1 : later;
            lastSeen.put(runLen[r], r);
        }
        int r = 0;
        while (r < runs) {
            int closer = next[r];
            if (closer < 0) {
                r++;
                continue;
            }
            int from = runStart[r];
            int to = runStart[closer] + runLen[closer];
            Arrays.fill(code, from, to, true);
            r = closer + 1;
        }
        return code;
    }

    /**
     * For each {@code open open} pair (e.g. {@code [[}) the index of its matching {@code close
     * close} on the same line, with nesting; 0 when unmatched.
     */
    private static int[] matchPairs(String text, boolean[] code, char open, char close) {
        int n = text.length();
        int[] match = new int[n];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int i = 0; i + 1 < n; ) {
            char c = text.charAt(i);
            if (c == '\n') {
                stack.clear();
                i++;
            } else if (code[i]) {
                i++;
            } else if (c == '\\') {
                i += 2;
            } else if (c == open && text.charAt(i + 1) == open) {
                stack.push(i);
                i += 2;
            } else if (c == close && text.charAt(i + 1) == close && !stack.isEmpty()) {
                int o = stack.pop();
                // `[[[[a]]]]`-style runs: pair innermost first, so skip exactly two.
                match[o] = i;
                i += 2;
            } else {
                i++;
            }
        }
        return match;
    }

    /** For each index, the index of the next {@code c} on the same line, or -1. */
    private static int[] nextIndexOf(String text, char c) {
        int n = text.length();
        int[] next = new int[n];
        int last = -1;
        for (int i = n - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                last = -1;
            }
            next[i] = last;
            if (ch == c) {
                last = i;
            }
        }
        return next;
    }

    private static int urlEnd(String text, int i) {
        if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
            return i;
        }
        if (!(text.startsWith("http://", i)
                || text.startsWith("https://", i)
                || text.startsWith("www.", i))) {
            return i;
        }
        int j = i;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (Character.isWhitespace(c) || c == '<' || c == '>' || c == '"' || c == ')') {
                break;
            }
            j++;
        }
        return j;
    }

    private static int linkDestination(String text, int i, int[] squareMatch, StringBuilder out) {
        int n = text.length();
        int d = i + 2;
        if (d + 1 < n && text.charAt(d) == '[' && squareMatch[d] > 0) {
            int close = squareMatch[d];
            if (close + 2 < n && text.charAt(close + 2) == ')') {
                out.append("](")
                        .append(PAGE_LINK_PREFIX)
                        .append(
                                URLEncoder.encode(
                                                text.substring(d + 2, close),
                                                StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                        .append(')');
                return close + 3;
            }
        }
        if (Block.Ref.isBlockRefAt(text, d) && d + 40 < n && text.charAt(d + 40) == ')') {
            out.append("](").append(BLOCK_LINK_PREFIX).append(text, d + 2, d + 38).append(')');
            return d + 41;
        }
        // An ordinary destination: copied as it is, so that `#frag` in it is never a tag.
        int j = d;
        while (j < n) {
            char c = text.charAt(j);
            if (c == ')' || c == '\n' || c == ' ') {
                break;
            }
            j++;
        }
        out.append(text, i, j);
        return j;
    }

    /**
     * A tag where {@link LogseqTags} starts and ends one (never inside a word), {@code #[[multi
     * word]]} too.
     */
    private static int tag(String text, int i, int[] squareMatch, StringBuilder out) {
        if (!LogseqTags.startsAt(text, i)) {
            return i;
        }
        if (i + 2 < text.length() && text.charAt(i + 1) == '[' && squareMatch[i + 1] > 0) {
            int close = squareMatch[i + 1];
            if (close > i + 3) {
                mark(out, TAG, text, i + 3, close);
                return close + 2;
            }
            return i;
        }
        int j = LogseqTags.end(text, i);
        if (j == i + 1) {
            return i;
        }
        mark(out, TAG, text, i + 1, j);
        return j;
    }

    private static int math(String text, int i, int[] nextDollar, StringBuilder out) {
        int n = text.length();
        if (i + 1 < n && text.charAt(i + 1) == '$') {
            // $$…$$ within a line
            int close = i + 2 < n ? nextDollar[i + 1] : -1;
            if (close > i + 2 && close + 1 < n && text.charAt(close + 1) == '$') {
                mark(out, MATH_DISPLAY, text, i + 2, close);
                return close + 2;
            }
            return i;
        }
        int close = nextDollar[i];
        if (close < 0 || close == i + 1) {
            return i;
        }
        char first = text.charAt(i + 1);
        char last = text.charAt(close - 1);
        if (Character.isWhitespace(first)
                || Character.isWhitespace(last)
                || (close + 1 < n && Character.isDigit(text.charAt(close + 1)))) {
            return i;
        }
        mark(out, MATH, text, i + 1, close);
        return close + 1;
    }
}
