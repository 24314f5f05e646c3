package dev.draehi.render.internal.datalog;

import java.util.Arrays;

/**
 * The values of a query's variables, by slot ({@link Evaluator#slot}); {@code null} is unbound.
 * Immutable: binding one more variable copies the few slots there are.
 */
final class Binding {
    static final Binding EMPTY = new Binding(new Object[0]);

    private final Object[] values;
    private int hash;

    private Binding(Object[] values) {
        this.values = values;
    }

    Object get(int slot) {
        return slot < values.length ? values[slot] : null;
    }

    boolean has(int slot) {
        return get(slot) != null;
    }

    Binding with(int slot, Object value) {
        Object[] a = Arrays.copyOf(values, Math.max(values.length, slot + 1));
        a[slot] = value;
        return new Binding(a);
    }

    /** Only the given slots. */
    Binding only(int[] slots) {
        int max = 0;
        for (int s : slots) {
            max = Math.max(max, s + 1);
        }
        Object[] a = new Object[Math.min(max, values.length)];
        for (int s : slots) {
            if (s < a.length) {
                a[s] = values[s];
            }
        }
        return new Binding(a);
    }

    /** Without the slots from {@code from} on. */
    Binding before(int from) {
        return from >= values.length ? this : new Binding(Arrays.copyOf(values, from));
    }

    /** This binding with every slot {@code other} binds and this does not. */
    Binding merge(Binding other) {
        Object[] a = Arrays.copyOf(values, Math.max(values.length, other.values.length));
        for (int i = 0; i < other.values.length; i++) {
            if (a[i] == null) {
                a[i] = other.values[i];
            }
        }
        return new Binding(a);
    }

    private int length() {
        int n = values.length;
        while (n > 0 && values[n - 1] == null) {
            n--;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Binding b)) {
            return false;
        }
        int n = length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!java.util.Objects.equals(values[i], b.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            int n = length();
            h = 1;
            for (int i = 0; i < n; i++) {
                h = 31 * h + (values[i] == null ? 0 : values[i].hashCode());
            }
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }
}
