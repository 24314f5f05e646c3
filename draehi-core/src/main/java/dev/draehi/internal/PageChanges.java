package dev.draehi.internal;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.util.Arrays;
import java.util.List;

/**
 * A graph that is an earlier graph with a few of its pages swapped, in place, for pages of the same
 * names, publication and kind. A reader that parses only a push's changed files hands over every
 * other page as the same object, in the same place: comparing the two lists by reference finds what
 * a push changed without hashing a name of the tens of thousands it did not; and as the names are
 * kept, so are the published pages, their paths and the journals among them.
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
     * The pages swapped from {@code before} to {@code after}; null unless both list as many pages,
     * at most {@code max} of them differ, and each that differs keeps its name, its publication and
     * whether it is a journal.
     */
    static PageChanges swapped(Graph before, Graph after, int max) {
        List<Page> p0 = before.pages();
        List<Page> p1 = after.pages();
        if (p0.size() != p1.size()) {
            return null;
        }
        int[] at = new int[Math.min(16, Math.max(0, max))];
        int n = 0;
        for (int i = 0; i < p1.size(); i++) {
            Page a = p0.get(i);
            Page b = p1.get(i);
            if (a != b) {
                if (n == max
                        || !a.name().equals(b.name())
                        || a.published() != b.published()
                        || a.isJournal() != b.isJournal()) {
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
