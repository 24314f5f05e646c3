package dev.draehi.internal;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.util.Arrays;
import java.util.List;

/**
 * Where a graph's pages are other objects than an earlier graph's, by position, when both list as
 * many pages. A reader that parses only a push's changed files hands over every other page as the
 * same object, in the same place: comparing the two lists by reference finds what a push changed
 * without hashing a name of the tens of thousands it did not.
 */
final class PageChanges {
    private final int[] positions;
    private final Graph before;
    private final Graph after;

    private PageChanges(int[] positions, Graph before, Graph after) {
        this.positions = positions;
        this.before = before;
        this.after = after;
    }

    /**
     * The changes from {@code before} to {@code after}; null when they do not list as many pages,
     * or more than {@code max} of them differ.
     */
    static PageChanges between(Graph before, Graph after, int max) {
        List<Page> p0 = before.pages();
        List<Page> p1 = after.pages();
        if (p0.size() != p1.size()) {
            return null;
        }
        int[] at = new int[Math.min(16, Math.max(0, max))];
        int n = 0;
        for (int i = 0; i < p1.size(); i++) {
            if (p0.get(i) != p1.get(i)) {
                if (n == max) {
                    return null;
                }
                if (n == at.length) {
                    at = Arrays.copyOf(at, Math.min(max, at.length * 2));
                }
                at[n++] = i;
            }
        }
        return new PageChanges(Arrays.copyOf(at, n), before, after);
    }

    /**
     * True when every changed page keeps its name, its publication and whether it is a journal: the
     * published pages, and so their paths and the journals among them, are the earlier graph's.
     */
    boolean keepNames() {
        for (int i : positions) {
            Page a = before.pages().get(i);
            Page b = after.pages().get(i);
            if (!a.name().equals(b.name())
                    || a.published() != b.published()
                    || a.isJournal() != b.isJournal()) {
                return false;
            }
        }
        return true;
    }

    /** The earlier graph's page at the {@code k}-th changed position. */
    Page was(int k) {
        return before.pages().get(positions[k]);
    }

    /** The later graph's page at the {@code k}-th changed position. */
    Page is(int k) {
        return after.pages().get(positions[k]);
    }

    /** How many positions changed. */
    int size() {
        return positions.length;
    }
}
