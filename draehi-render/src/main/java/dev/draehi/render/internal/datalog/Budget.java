package dev.draehi.render.internal.datalog;

import java.util.Locale;

/**
 * What one query may spend: a number of steps (bindings made, facts looked at), which makes the
 * limit the same on every machine, and a wall-clock deadline as a backstop.
 */
final class Budget {
    private final long maxSteps;
    private final long deadline;
    private final long millis;
    private long steps;

    Budget(long maxSteps, long millis) {
        this.maxSteps = maxSteps;
        this.millis = millis;
        this.deadline = System.nanoTime() + millis * 1_000_000L;
    }

    /** Counts one step; stops the query when the budget is spent. */
    void step() {
        steps++;
        if (steps > maxSteps) {
            throw new QueryStoppedException(
                    String.format(
                            Locale.ROOT,
                            "it needed more than %,d steps (a join without a shared variable,"
                                    + " or a rule that recurses without end?)",
                            maxSteps));
        }
        if ((steps & 0x3ff) == 0) {
            checkTime();
        }
    }

    /** Stops the query when its time is up. */
    void checkTime() {
        if (System.nanoTime() > deadline) {
            throw new QueryStoppedException(
                    String.format(Locale.ROOT, "it ran longer than %,d ms", millis));
        }
    }

    long steps() {
        return steps;
    }
}
