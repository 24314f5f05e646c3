package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
    /** Two rings of 20 pages each, joined by nothing, and 5 pages without links. */
    private static int[][] twoRingsAndLoners() {
        int n = 45;
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 20; i++) {
                int a = r * 20 + i;
                int b = r * 20 + (i + 1) % 20;
                adj.get(a).add(b);
                adj.get(b).add(a);
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = adj.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    private static double distance(int[] xy, int a, int b) {
        return Math.hypot(xy[2 * a] - xy[2 * b], xy[2 * a + 1] - xy[2 * b + 1]);
    }

    @Test
    void theSameGraphIsLaidOutTheSameWay() {
        assertThat(GraphLayout.of(twoRingsAndLoners()))
                .isEqualTo(GraphLayout.of(twoRingsAndLoners()));
    }

    @Test
    void linkedPagesLieNearerEachOtherThanPagesOfAnotherGroup() {
        int[] xy = GraphLayout.of(twoRingsAndLoners());
        assertThat(xy).hasSize(90);
        double linked = 0;
        for (int i = 0; i < 20; i++) {
            linked = Math.max(linked, distance(xy, i, (i + 1) % 20));
        }
        double apart = Double.MAX_VALUE;
        for (int a = 0; a < 20; a++) {
            for (int b = 20; b < 45; b++) {
                apart = Math.min(apart, distance(xy, a, b));
            }
        }
        // linked pages near the link distance (30, stretched by the pages' repulsion), and no two
        // pages on one spot
        assertThat(linked).isLessThan(90);
        assertThat(apart).isGreaterThan(5);
        for (int a = 0; a < 45; a++) {
            for (int b = a + 1; b < 45; b++) {
                assertThat(distance(xy, a, b)).as(a + " and " + b).isGreaterThan(1);
            }
        }
    }

    @Test
    void emptyAndSinglePageGraphs() {
        assertThat(GraphLayout.of(new int[0][])).isEmpty();
        assertThat(GraphLayout.of(new int[][] {{}})).containsExactly(0, 0);
    }

    @Test
    void largeGraphsGetFewerTicks() {
        assertThat(GraphLayout.ticks(800)).isEqualTo(300);
        assertThat(GraphLayout.ticks(6_000)).isLessThan(300);
        assertThat(GraphLayout.ticks(1_000_000)).isEqualTo(40);
    }
}
