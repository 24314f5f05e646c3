package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.LogseqTags;
import dev.draehi.model.Reference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the references in block text in one linear pass: {@code [[page]]} (nested too), {@code
 * #tag}, {@code #[[multi word]]}, {@code ((uuid))}, {@code {{embed …}}}, and in Org files {@code
 * [[target][label]]}. Inline code (and Org {@code ~code~}), fenced code, {@code
 * #+BEGIN_SRC/EXAMPLE/QUERY} blocks, link labels and macro arguments other than an embed's are
 * skipped. Where a tag starts and ends is {@link LogseqTags}'s rule (mldoc's); a bare {@code #fff}
 * is a tag, as in Logseq.
 */
public final class InlineRefs {
    /** Longer ref targets are not page names; skipping them also bounds nested-pair work. */
    public static final int MAX_TARGET_LENGTH = 1024;

    private InlineRefs() {}

    /**
     * The refs found, in document order without duplicates, and how many {@code [[} were left
     * unclosed or too long.
     */
    public record Result(List<Block.Ref> refs, int unclosed) {}

    private record Hit(int pos, Block.Ref ref) {}

    /** Extracts the refs of {@code text}. */
    public static Result extract(String text, boolean org) {
        List<Hit> hits = new ArrayList<>();
        int[] unclosed = {0};
        int n = text.length();
        int start = 0;
        char fence = 0;
        boolean inVerbatimBlock = false;
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int first = start;
            while (first < end && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
                first++;
            }
            if (fence != 0) {
                if (text.startsWith(String.valueOf(fence).repeat(3), first)) {
                    fence = 0;
                }
            } else if (inVerbatimBlock) {
                if (text.regionMatches(true, first, "#+END_", 0, 6)) {
                    inVerbatimBlock = false;
                }
            } else if (text.startsWith("```", first) || text.startsWith("~~~", first)) {
                fence = text.charAt(first);
            } else if (text.regionMatches(true, first, "#+BEGIN_SRC", 0, 11)
                    || text.regionMatches(true, first, "#+BEGIN_EXAMPLE", 0, 15)
                    || text.regionMatches(true, first, "#+BEGIN_QUERY", 0, 13)) {
                inVerbatimBlock = !text.regionMatches(true, first, "#+END_", 0, 6);
            } else {
                scanLine(text, start, end, org, hits, unclosed);
            }
            start = end + 1;
        }
        hits.sort(Comparator.comparingInt(Hit::pos));
        LinkedHashSet<Block.Ref> refs = new LinkedHashSet<>();
        for (Hit h : hits) {
            refs.add(h.ref());
        }
        return new Result(List.copyOf(refs), unclosed[0]);
    }

    private static void scanLine(
            String s, int from, int to, boolean org, List<Hit> hits, int[] unclosed) {
        int[] code = codeSpans(s, from, to);
        int codeIdx = 0;
        int[] stack = new int[8];
        int depth = 0;
        Map<Integer, Reference.Kind> kinds = null;
        int embedBlockAt = -1;
        int label;
        int i = from;
        while (i < to) {
            if (codeIdx < code.length && i >= code[codeIdx]) {
                i = Math.max(i, code[codeIdx + 1]);
                codeIdx += 2;
                continue;
            }
            char c = s.charAt(i);
            char next = i + 1 < to ? s.charAt(i + 1) : 0;
            if (c == '[' && next == '[') {
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = i;
                i += 2;
            } else if (c == ']' && next == ']' && depth > 0) {
                int open = stack[--depth];
                Reference.Kind kind = kinds == null ? null : kinds.get(open);
                if (i - open - 2 > MAX_TARGET_LENGTH) {
                    unclosed[0]++;
                } else {
                    Block.Ref ref = pageRef(s.substring(open + 2, i), kind, org);
                    if (ref != null) {
                        hits.add(new Hit(open, ref));
                    }
                }
                i += 2;
            } else if (c == '(' && next == '(' && i + 40 <= to && Block.Ref.isBlockRefAt(s, i)) {
                if (i != embedBlockAt) {
                    hits.add(new Hit(i, Block.Ref.block(s.substring(i + 2, i + 38))));
                }
                i += 40;
            } else if (c == '[' && depth == 0 && (label = LogseqTags.linkLabelEnd(s, i)) > 0) {
                // the label of a [label](url) link holds no tag; [label]([[page]]) and
                // [label](((uuid))) are refs: read their destination, skip any other
                boolean ref = s.startsWith("[[", label + 2) || s.startsWith("((", label + 2);
                i = ref ? label + 1 : s.indexOf(')', label + 2) + 1;
            } else if (c == '{'
                    && next == '{'
                    && i + 2 < to
                    && s.charAt(i + 2) != '{'
                    && !s.regionMatches(true, i + 2, "embed", 0, 5)) {
                // a macro's arguments ({{query [[x]]}}, {{cards #x}}) make no refs in Logseq
                int close = s.indexOf("}}", i + 2);
                i = close < 0 || close > to ? i + 2 : close + 2;
            } else if (org && (c == '~' || c == '=') && verbatimEnd(s, i, from, to) > 0) {
                // Org's ~code~ and =verbatim= hold no refs
                i = verbatimEnd(s, i, from, to);
            } else if (c == '#' && LogseqTags.startsAt(s, i)) {
                if (next == '[' && i + 2 < to && s.charAt(i + 2) == '[') {
                    if (kinds == null) {
                        kinds = new HashMap<>();
                    }
                    kinds.put(i + 1, Reference.Kind.TAG);
                    i++;
                } else {
                    int e = LogseqTags.end(s, i);
                    if (e > i + 1 && e - i - 1 <= MAX_TARGET_LENGTH) {
                        hits.add(new Hit(i, Block.Ref.tag(s.substring(i + 1, e))));
                    }
                    i = Math.max(e, i + 1);
                }
            } else if (c == '{' && next == '{' && s.regionMatches(true, i + 2, "embed", 0, 5)) {
                int j = i + 7;
                while (j < to && s.charAt(j) == ' ') {
                    j++;
                }
                if (s.startsWith("[[", j)) {
                    if (kinds == null) {
                        kinds = new HashMap<>();
                    }
                    kinds.put(j, Reference.Kind.EMBED);
                } else if (j + 40 <= to && Block.Ref.isBlockRefAt(s, j)) {
                    hits.add(new Hit(j, Block.Ref.embed(s.substring(j + 2, j + 38), true)));
                    embedBlockAt = j;
                }
                i += 2;
            } else {
                i++;
            }
        }
        unclosed[0] += depth;
    }

    private static Block.Ref pageRef(String inner, Reference.Kind kind, boolean org) {
        String target = inner;
        if (org) {
            int label = target.indexOf("][");
            if (label >= 0) {
                target = target.substring(0, label);
            }
        }
        target = target.strip();
        if (target.isEmpty() || isUrl(target)) {
            return null;
        }
        if (kind == Reference.Kind.TAG) {
            return Block.Ref.tag(target);
        }
        if (kind == Reference.Kind.EMBED) {
            return Block.Ref.embed(target, false);
        }
        return Block.Ref.page(target);
    }

    private static boolean isUrl(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        return t.contains("://")
                || t.startsWith("file:")
                || t.startsWith("mailto:")
                || t.startsWith("id:");
    }

    /** The index after Org {@code ~code~} or {@code =verbatim=} opened at {@code i}, else -1. */
    private static int verbatimEnd(String s, int i, int from, int to) {
        char c = s.charAt(i);
        if (i > from && Character.isLetterOrDigit(s.charAt(i - 1))) {
            return -1;
        }
        int close = s.indexOf(c, i + 1);
        if (close <= i + 1 || close >= to) {
            return -1;
        }
        return close + 1;
    }

    /**
     * Inline code spans of one line as [start, end) pairs; a backtick run closes on the same
     * length.
     */
    private static int[] codeSpans(String s, int from, int to) {
        int first = s.indexOf('`', from);
        if (first < 0 || first >= to) {
            return new int[0];
        }
        List<int[]> runs = new ArrayList<>();
        for (int i = first; i < to; ) {
            if (s.charAt(i) == '`') {
                int j = i;
                while (j < to && s.charAt(j) == '`') {
                    j++;
                }
                runs.add(new int[] {i, j - i});
                i = j;
            } else {
                i++;
            }
        }
        int[] nextSame = new int[runs.size()];
        Map<Integer, Integer> seen = new HashMap<>();
        for (int r = runs.size() - 1; r >= 0; r--) {
            Integer nx = seen.put(runs.get(r)[1], r);
            nextSame[r] = nx == null ? -1 : nx;
        }
        int[] out = new int[runs.size() * 2];
        int k = 0;
        for (int r = 0; r < runs.size(); r++) {
            int closer = nextSame[r];
            if (closer >= 0) {
                out[k++] = runs.get(r)[0];
                out[k++] = runs.get(closer)[0] + runs.get(closer)[1];
                r = closer;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }
}
