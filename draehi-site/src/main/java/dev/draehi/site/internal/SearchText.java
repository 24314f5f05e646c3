package dev.draehi.site.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the site's search splits text, the same in Java and in {@code search.js}: text is folded
 * (decomposed, accents dropped, lower-cased), words are runs of letters and digits, and runs of CJK
 * characters (Han, kana, Hangul) become their overlapping pairs of characters (one alone stays
 * itself), so that text without spaces between words can be searched.
 */
public final class SearchText {
    private SearchText() {}

    /**
     * Folded text, and for each of its chars the index of the char of the original it came from.
     */
    public record Folded(String text, int[] origin) {}

    /** {@code s} folded, with the way back to the original's indexes. */
    public static Folded fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int[] origin = new int[s.length() + 8];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c < 0x80) {
                // most text: no decomposition, no string a char
                if (n == origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                }
                origin[n++] = i;
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            String d = Normalizer.normalize(s.substring(i, i + len), Normalizer.Form.NFD);
            StringBuilder kept = new StringBuilder(d.length());
            d.codePoints().filter(m -> !isMark(m)).forEach(kept::appendCodePoint);
            String f = kept.toString().toLowerCase(Locale.ROOT);
            for (int k = 0; k < f.length(); k++) {
                if (n == origin.length) {
                    origin = java.util.Arrays.copyOf(origin, origin.length * 2);
                }
                origin[n++] = i;
            }
            out.append(f);
            i += len;
        }
        return new Folded(out.toString(), java.util.Arrays.copyOf(origin, n));
    }

    /** The text of {@link #fold}, without the way back: what the index is built from. */
    public static String foldText(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) < 0x80 && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        int ascii = i;
        while (ascii < s.length() && s.charAt(ascii) < 0x80) {
            ascii++;
        }
        if (ascii == s.length()) {
            StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            return out.toString();
        }
        return fold(s).text();
    }

    private static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK
                || t == Character.COMBINING_SPACING_MARK
                || t == Character.ENCLOSING_MARK;
    }

    /** Whether {@code cp} is part of a word (a letter or a number). */
    static boolean isWordChar(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER ->
                    true;
            default -> false;
        };
    }

    /** Whether {@code cp} is written without spaces between words: Han, kana or Hangul. */
    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN
                || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.HANGUL;
    }

    /** The distinct words of folded text, in order. */
    public static List<String> words(String folded) {
        Set<String> out = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        List<Integer> cjk = new ArrayList<>();
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            boolean w =
                    cp < 0x80
                            ? (cp >= 'a' && cp <= 'z')
                                    || (cp >= '0' && cp <= '9')
                                    || (cp >= 'A' && cp <= 'Z')
                            : isWordChar(cp);
            // no CJK script has a character below U+1100 (Hangul Jamo)
            if (w && cp >= 0x1100 && isCjk(cp)) {
                flush(word, out);
                cjk.add(cp);
                continue;
            }
            flushCjk(cjk, out);
            if (w) {
                word.appendCodePoint(cp);
            } else {
                flush(word, out);
            }
        }
        flush(word, out);
        flushCjk(cjk, out);
        return new ArrayList<>(out);
    }

    private static void flush(StringBuilder word, Set<String> out) {
        if (word.length() > 0 && word.length() <= 64) {
            out.add(word.toString());
        }
        word.setLength(0);
    }

    private static void flushCjk(List<Integer> run, Set<String> out) {
        if (run.size() == 1) {
            out.add(new String(Character.toChars(run.get(0))));
        }
        for (int k = 0; k + 1 < run.size(); k++) {
            out.add(
                    new StringBuilder()
                            .appendCodePoint(run.get(k))
                            .appendCodePoint(run.get(k + 1))
                            .toString());
        }
        run.clear();
    }

    /**
     * The shard a word's postings are in: its first CJK character, or else its first two characters
     * (one for a word of one).
     */
    static String shardKey(String word) {
        int cp = word.codePointAt(0);
        if (isCjk(cp)) {
            return new String(Character.toChars(cp));
        }
        int end = word.offsetByCodePoints(0, Math.min(2, word.codePointCount(0, word.length())));
        return word.substring(0, end);
    }

    /** A shard key as a file name: each UTF-16 unit as four hex digits. */
    static String fileName(String key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            sb.append(String.format("%04x", (int) key.charAt(i)));
        }
        return sb.toString();
    }

    /** A stretch of {@code text} to show, {@code [from, to)}, and the marked ranges inside it. */
    public record Snippet(String text, List<int[]> marks) {}

    /**
     * Where the query's words occur in {@code text} (each at the start of a word, or anywhere for
     * CJK), and up to {@code max} characters around the first, or {@code null} if none occurs.
     */
    public static Snippet snippet(String text, List<String> queryWords, int max) {
        Folded f = fold(text);
        String ft = f.text();
        List<int[]> ranges = new ArrayList<>();
        for (String q : queryWords) {
            boolean cjk = isCjk(q.codePointAt(0));
            for (int at = ft.indexOf(q); at >= 0; at = ft.indexOf(q, at + 1)) {
                if (!cjk && at > 0 && isWordChar(ft.codePointBefore(at))) {
                    continue;
                }
                int endChar = at + q.length() - 1;
                int from = f.origin()[at];
                int last = f.origin()[endChar];
                int to = last + Character.charCount(text.codePointAt(last));
                ranges.add(new int[] {from, to});
            }
        }
        if (ranges.isEmpty()) {
            return null;
        }
        ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : b[1] - a[1]);
        List<int[]> merged = new ArrayList<>();
        for (int[] r : ranges) {
            int[] top = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (top != null && r[0] <= top[1]) {
                top[1] = Math.max(top[1], r[1]);
            } else {
                merged.add(r.clone());
            }
        }
        int start = Math.max(0, merged.get(0)[0] - max / 4);
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start--;
        }
        int end = Math.min(text.length(), start + max);
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        List<int[]> inside = new ArrayList<>();
        for (int[] r : merged) {
            if (r[0] >= start && r[1] <= end) {
                inside.add(new int[] {r[0] - start, r[1] - start});
            }
        }
        String prefix = start > 0 ? "\u2026" : "";
        String cut = prefix + text.substring(start, end) + (end < text.length() ? "\u2026" : "");
        if (!prefix.isEmpty()) {
            for (int[] r : inside) {
                r[0]++;
                r[1]++;
            }
        }
        return new Snippet(cut, inside);
    }
}
