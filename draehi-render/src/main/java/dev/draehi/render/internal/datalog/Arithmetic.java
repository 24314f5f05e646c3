package dev.draehi.render.internal.datalog;

import java.util.ArrayList;
import java.util.List;

/** Clojure arithmetic on longs and doubles. */
final class Arithmetic {
    private Arithmetic() {}

    static Object apply(String fn, List<Object> args) {
        List<Number> ns = new ArrayList<>();
        for (Object a : args) {
            ns.add(Functions.number(a));
        }
        boolean floating = false;
        for (Number n : ns) {
            if (!Functions.integral(n)) {
                floating = true;
            }
        }
        switch (fn) {
            case "inc":
            case "dec":
                {
                    Functions.arity(fn, args, 1);
                    long d = fn.equals("inc") ? 1 : -1;
                    return floating
                            ? (Object) (ns.get(0).doubleValue() + d)
                            : Math.addExact(ns.get(0).longValue(), d);
                }
            case "max":
            case "min":
                {
                    if (ns.isEmpty()) {
                        throw Functions.arityError(fn);
                    }
                    Number best = ns.get(0);
                    for (Number n : ns) {
                        int c = Functions.compare(n, best);
                        if (fn.equals("max") ? c > 0 : c < 0) {
                            best = n;
                        }
                    }
                    return best;
                }
            case "quot":
            case "rem":
            case "mod":
                {
                    Functions.arity(fn, args, 2);
                    long a = Functions.integer(args.get(0));
                    long b = Functions.integer(args.get(1));
                    if (b == 0) {
                        throw new QueryNotRunException("division by zero");
                    }
                    if (fn.equals("quot")) {
                        return a / b;
                    }
                    return fn.equals("rem") ? a % b : Math.floorMod(a, b);
                }
            default:
                break;
        }
        if (ns.isEmpty()) {
            if (fn.equals("+")) {
                return 0L;
            }
            if (fn.equals("*")) {
                return 1L;
            }
            throw Functions.arityError(fn);
        }
        try {
            if (fn.equals("/")) {
                double r = ns.get(0).doubleValue();
                if (ns.size() == 1) {
                    r = 1 / r;
                }
                for (int i = 1; i < ns.size(); i++) {
                    r /= ns.get(i).doubleValue();
                }
                if (Double.isInfinite(r) || Double.isNaN(r)) {
                    throw new QueryNotRunException("division by zero");
                }
                if (!floating && r == Math.rint(r) && Math.abs(r) < 1e15) {
                    return (long) r;
                }
                return r;
            }
            if (floating) {
                double r = ns.get(0).doubleValue();
                if (fn.equals("-") && ns.size() == 1) {
                    return -r;
                }
                for (int i = 1; i < ns.size(); i++) {
                    double x = ns.get(i).doubleValue();
                    r = fn.equals("+") ? r + x : fn.equals("-") ? r - x : r * x;
                }
                return r;
            }
            long r = ns.get(0).longValue();
            if (fn.equals("-") && ns.size() == 1) {
                return Math.negateExact(r);
            }
            for (int i = 1; i < ns.size(); i++) {
                long x = ns.get(i).longValue();
                r =
                        fn.equals("+")
                                ? Math.addExact(r, x)
                                : fn.equals("-")
                                        ? Math.subtractExact(r, x)
                                        : Math.multiplyExact(r, x);
            }
            return r;
        } catch (ArithmeticException e) {
            throw new QueryNotRunException("integer overflow in " + fn);
        }
    }
}
