package dev.draehi.site.internal;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Where each page of the global graph is drawn, computed once when the graph data is built so that
 * a reader's browser runs no simulation: the force layout {@code graph.js} would otherwise run
 * (d3-force's, as force-graph sets it up: links pull linked pages 30 apart, every page repels every
 * other with strength 30, velocity decay 0.4; Barnes–Hut with θ 1.2 where d3 has 0.9), for a fixed
 * number of ticks that shrinks as graphs grow so that its cost stays near linear. Deterministic: no
 * random numbers, the same graph gives the same positions. It stops before the last tick once no
 * page moves more than half a unit in one.
 *
 * <p>Pages start on d3's spiral in breadth-first order, the largest group of linked pages first, so
 * that linked pages start near each other and the layout settles in fewer ticks than from index
 * order; pages without links are spread evenly over it, and end on a ring just outside the rest.
 */
final class GraphLayout {
    private static final double DISTANCE = 30;
    private static final double CHARGE = -30;
    private static final double THETA2 = 1.2 * 1.2;
    private static final double VELOCITY_DECAY = 0.4;
    private static final int MAX_TICKS = 300;
    private static final int MIN_TICKS = 40;

    /**
     * A layout stops early once no page moved more than this in a tick: what is left of the
     * simulation then moves pages a few units (g1k: 2 on average, 13 at most, where linked pages
     * lie 30 apart) for a third of its ticks.
     */
    private static final double SETTLED = 0.5;

    /**
     * Page-ticks a layout may spend: the docs graph (831 pages) gets all 300, g5k (6,031) 54, at
     * about 0.2 and 0.4 s of CPU.
     */
    private static final long BUDGET = 330_000;

    private final int n;
    private final int[][] adj;
    private final double[] x;
    private final double[] y;
    private final double[] vx;
    private final double[] vy;

    // the quadtree of one tick, in arrays: a quad's centre of mass, weight, side, children or point
    private double[] qx = new double[64];
    private double[] qy = new double[64];
    private double[] qw = new double[64];
    private double[] qs = new double[64];
    private int[] qc = new int[256];
    private int quads;
    private final int[] order;
    private int jiggle = 1;

    private GraphLayout(int[][] adj) {
        this.n = adj.length;
        this.adj = adj;
        this.x = new double[n];
        this.y = new double[n];
        this.vx = new double[n];
        this.vy = new double[n];
        this.order = new int[n];
    }

    /** Ticks for a graph of {@code pages}: all of d3's 300 for small graphs, fewer for large. */
    static int ticks(int pages) {
        return (int) Math.max(MIN_TICKS, Math.min(MAX_TICKS, BUDGET / Math.max(1, pages)));
    }

    /**
     * Positions of the pages of the graph whose neighbours are {@code adj} (symmetric, no
     * self-links), as {@code [x0, y0, x1, y1, …]} rounded to whole units, centred on 0.
     */
    static int[] of(int[][] adj) {
        GraphLayout l = new GraphLayout(adj);
        l.start();
        int ticks = ticks(l.n);
        // d3's alpha decay, scaled so that alpha reaches d3's alphaMin (0.001) at the last tick
        double alpha = 1;
        double decay = 1 - Math.pow(0.001, 1.0 / ticks);
        for (int t = 0; t < ticks && l.n > 1; t++) {
            alpha += (0 - alpha) * decay;
            if (l.tick(alpha) < SETTLED * SETTLED && t >= MIN_TICKS) {
                break;
            }
        }
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < l.n; i++) {
            cx += l.x[i];
            cy += l.y[i];
        }
        cx /= Math.max(1, l.n);
        cy /= Math.max(1, l.n);
        l.gatherAlone(cx, cy);
        int[] out = new int[2 * l.n];
        for (int i = 0; i < l.n; i++) {
            out[2 * i] = (int) Math.round(l.x[i] - cx);
            out[2 * i + 1] = (int) Math.round(l.y[i] - cy);
        }
        return out;
    }

    /**
     * Brings the pages without links in to a ring just outside the linked ones: pushed away by
     * every other page, they drift far out, and a view fitted to them all shows the linked pages
     * small in its middle.
     */
    private void gatherAlone(double cx, double cy) {
        double linked = 0;
        double nearest = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double r = Math.hypot(x[i] - cx, y[i] - cy);
            if (adj[i].length > 0) {
                linked = Math.max(linked, r);
            } else {
                nearest = Math.min(nearest, r);
            }
        }
        if (linked == 0 || nearest == Double.MAX_VALUE || nearest <= linked + 2 * DISTANCE) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (adj[i].length == 0) {
                double dx = x[i] - cx;
                double dy = y[i] - cy;
                double r = Math.hypot(dx, dy);
                double to = linked + 2 * DISTANCE + (r - nearest) / 4;
                x[i] = cx + dx / r * to;
                y[i] = cy + dy / r * to;
            }
        }
    }

    /** The spiral d3 starts from, walked in breadth-first order of the largest groups first. */
    private void start() {
        int[] group = new int[n];
        Arrays.fill(group, -1);
        int[] seq = new int[n];
        int len = 0;
        // groups found from the best linked page not yet placed
        Integer[] byDegree = new Integer[n];
        for (int i = 0; i < n; i++) {
            byDegree[i] = i;
        }
        Arrays.sort(
                byDegree,
                (a, b) ->
                        adj[b].length != adj[a].length
                                ? Integer.compare(adj[b].length, adj[a].length)
                                : Integer.compare(a, b));
        int[][] groups = new int[n][];
        int count = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s : byDegree) {
            if (group[s] >= 0) {
                continue;
            }
            int from = len;
            group[s] = count;
            queue.add(s);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                seq[len++] = p;
                for (int q : adj[p]) {
                    if (group[q] < 0) {
                        group[q] = count;
                        queue.add(q);
                    }
                }
            }
            groups[count++] = Arrays.copyOfRange(seq, from, len);
        }
        Integer[] bySize = new Integer[count];
        for (int i = 0; i < count; i++) {
            bySize[i] = i;
        }
        Arrays.sort(bySize, (a, b) -> Integer.compare(groups[b].length, groups[a].length));
        // pages without links spread evenly over the spiral, as in d3's index order: started
        // outside the rest, they would end far outside it and shrink it when the view fits
        int[] linked = new int[n];
        int[] alone = new int[n];
        int nl = 0;
        int na = 0;
        for (int gi : bySize) {
            for (int p : groups[gi]) {
                if (groups[gi].length > 1) {
                    linked[nl++] = p;
                } else {
                    alone[na++] = p;
                }
            }
        }
        double angle = Math.PI * (3 - Math.sqrt(5));
        int il = 0;
        int ia = 0;
        for (int k = 0; k < n; k++) {
            boolean single = ia < na && ((long) (k + 1) * na / n > (long) k * na / n || il == nl);
            int p = single ? alone[ia++] : linked[il++];
            double r = 10 * Math.sqrt(0.5 + k);
            x[p] = r * Math.cos(k * angle);
            y[p] = r * Math.sin(k * angle);
        }
    }

    /** One tick of the simulation; the square of the longest move a page made in it. */
    private double tick(double alpha) {
        links(alpha);
        charge(alpha);
        double longest = 0;
        for (int i = 0; i < n; i++) {
            vx[i] *= 1 - VELOCITY_DECAY;
            vy[i] *= 1 - VELOCITY_DECAY;
            x[i] += vx[i];
            y[i] += vy[i];
            longest = Math.max(longest, vx[i] * vx[i] + vy[i] * vy[i]);
        }
        return longest;
    }

    /** d3's link force: strength 1 / the lesser degree, the pull shared by degree. */
    private void links(double alpha) {
        for (int s = 0; s < n; s++) {
            for (int t : adj[s]) {
                if (t < s) {
                    continue;
                }
                int cs = adj[s].length;
                int ct = adj[t].length;
                double dx = x[t] + vx[t] - x[s] - vx[s];
                double dy = y[t] + vy[t] - y[s] - vy[s];
                if (dx == 0) {
                    dx = jiggle();
                }
                if (dy == 0) {
                    dy = jiggle();
                }
                double l = Math.sqrt(dx * dx + dy * dy);
                l = (l - DISTANCE) / l * alpha / Math.min(cs, ct);
                dx *= l;
                dy *= l;
                double bias = (double) cs / (cs + ct);
                vx[t] -= dx * bias;
                vy[t] -= dy * bias;
                vx[s] += dx * (1 - bias);
                vy[s] += dy * (1 - bias);
            }
        }
    }

    /** d3's many-body force through a quadtree of this tick's positions. */
    private void charge(double alpha) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            x0 = Math.min(x0, x[i]);
            y0 = Math.min(y0, y[i]);
            x1 = Math.max(x1, x[i]);
            y1 = Math.max(y1, y[i]);
        }
        quads = 0;
        int root = build(0, n, x0, y0, Math.max(x1 - x0, y1 - y0) + 1e-6, 0);
        int[] stack = new int[64 * 4];
        for (int i = 0; i < n; i++) {
            double fx = 0;
            double fy = 0;
            int top = 0;
            stack[top++] = root;
            while (top > 0) {
                int q = stack[--top];
                double dx = qx[q] - x[i];
                double dy = qy[q] - y[i];
                double l = dx * dx + dy * dy;
                int first = qc[4 * q];
                boolean leaf = first < 0;
                if (!leaf && qs[q] * qs[q] / THETA2 < l) {
                    if (l < 1) {
                        l = Math.sqrt(l);
                    }
                    double w = qw[q] * CHARGE * alpha / l;
                    fx += dx * w;
                    fy += dy * w;
                    continue;
                }
                if (leaf) {
                    // a leaf: its points, which share a place or are one
                    int from = -first - 1;
                    int to = qc[4 * q + 1];
                    for (int k = from; k < to; k++) {
                        int j = order[k];
                        if (j == i) {
                            continue;
                        }
                        double ex = x[j] - x[i];
                        double ey = y[j] - y[i];
                        if (ex == 0) {
                            ex = jiggle();
                        }
                        if (ey == 0) {
                            ey = jiggle();
                        }
                        double m = ex * ex + ey * ey;
                        if (m < 1) {
                            m = Math.sqrt(m);
                        }
                        double w = CHARGE * alpha / m;
                        fx += ex * w;
                        fy += ey * w;
                    }
                    continue;
                }
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                for (int c = 0; c < 4; c++) {
                    int child = qc[4 * q + c];
                    if (child > 0) {
                        stack[top++] = child;
                    }
                }
            }
            vx[i] += fx;
            vy[i] += fy;
        }
    }

    /**
     * The quad of the points {@code order[lo..hi)} in the square at ({@code x0}, {@code y0}) of
     * side {@code side}; its index. A leaf's first child slot holds {@code -lo - 1} and its second
     * {@code hi}; an inner quad's hold its children's indices, 0 for none (the root is never a
     * child).
     */
    private int build(int lo, int hi, double x0, double y0, double side, int depth) {
        int q = quads++;
        if (q >= qx.length) {
            qx = Arrays.copyOf(qx, qx.length * 2);
            qy = Arrays.copyOf(qy, qy.length * 2);
            qw = Arrays.copyOf(qw, qw.length * 2);
            qs = Arrays.copyOf(qs, qs.length * 2);
            qc = Arrays.copyOf(qc, qc.length * 2);
        }
        qs[q] = side;
        qw[q] = hi - lo;
        if (hi - lo == 1 || depth > 48) {
            double sx = 0;
            double sy = 0;
            for (int k = lo; k < hi; k++) {
                sx += x[order[k]];
                sy += y[order[k]];
            }
            qx[q] = sx / (hi - lo);
            qy[q] = sy / (hi - lo);
            qc[4 * q] = -lo - 1;
            qc[4 * q + 1] = hi;
            return q;
        }
        double half = side / 2;
        double mx = x0 + half;
        double my = y0 + half;
        int midY = partition(lo, hi, y, my);
        int midX0 = partition(lo, midY, x, mx);
        int midX1 = partition(midY, hi, x, mx);
        int[] from = {lo, midX0, midY, midX1};
        int[] to = {midX0, midY, midX1, hi};
        double sx = 0;
        double sy = 0;
        for (int c = 0; c < 4; c++) {
            int child = 0;
            if (to[c] > from[c]) {
                child =
                        build(
                                from[c],
                                to[c],
                                (c & 1) == 0 ? x0 : mx,
                                c < 2 ? y0 : my,
                                half,
                                depth + 1);
                sx += qx[child] * qw[child];
                sy += qy[child] * qw[child];
            }
            qc[4 * q + c] = child;
        }
        qx[q] = sx / (hi - lo);
        qy[q] = sy / (hi - lo);
        return q;
    }

    /** Moves the points of {@code order[lo..hi)} with {@code v} below {@code mid} first. */
    private int partition(int lo, int hi, double[] v, double mid) {
        int i = lo;
        int j = hi - 1;
        while (i <= j) {
            if (v[order[i]] < mid) {
                i++;
            } else {
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                j--;
            }
        }
        return i;
    }

    /** d3's jiggle, from a fixed sequence instead of Math.random. */
    private double jiggle() {
        jiggle = jiggle * 1103515245 + 12345;
        return (((jiggle >>> 8) & 0xffff) / 65536.0 - 0.5) * 1e-6;
    }
}
