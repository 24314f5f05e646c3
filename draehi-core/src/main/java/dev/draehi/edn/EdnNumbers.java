package dev.draehi.edn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EDN numbers as tools.reader reads them: integers in decimal, hex ({@code 0x1F}), octal ({@code
 * 017}) and radix ({@code 2r101}) form, {@code N} for a big integer; floats with {@code M} for a
 * big decimal; ratios, read as a decimal.
 */
final class EdnNumbers {
    private static final Pattern INT =
            Pattern.compile(
                    "([-+]?)(?:(0)|([1-9][0-9]*)|0[xX]([0-9A-Fa-f]+)|0([0-7]+)"
                            + "|([1-9][0-9]?)[rR]([0-9A-Za-z]+)|0[0-9]+)(N)?");
    private static final Pattern RATIO = Pattern.compile("([-+]?[0-9]+)/([0-9]+)");
    private static final Pattern FLOAT =
            Pattern.compile("([-+]?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?)(M)?");

    private EdnNumbers() {}

    /**
     * The number {@code t} spells: a {@link Long} or {@link BigInteger}, a {@link Double} or {@link
     * BigDecimal}; null when it is no number tools.reader accepts.
     */
    static Object parse(String t) {
        Matcher m = INT.matcher(t);
        if (m.matches()) {
            if (m.group(2) != null) {
                return m.group(8) == null ? (Object) 0L : BigInteger.ZERO;
            }
            String digits;
            int radix;
            if (m.group(3) != null) {
                digits = m.group(3);
                radix = 10;
            } else if (m.group(4) != null) {
                digits = m.group(4);
                radix = 16;
            } else if (m.group(5) != null) {
                digits = m.group(5);
                radix = 8;
            } else if (m.group(7) != null) {
                digits = m.group(7);
                radix = Integer.parseInt(m.group(6));
                if (radix > 36) {
                    return null;
                }
            } else {
                return null;
            }
            BigInteger n;
            try {
                n = new BigInteger(digits, radix);
            } catch (NumberFormatException e) {
                return null;
            }
            if (m.group(1).equals("-")) {
                n = n.negate();
            }
            return m.group(8) == null && n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
        m = FLOAT.matcher(t);
        if (m.matches()) {
            return m.group(4) == null
                    ? (Object) Double.parseDouble(m.group(1))
                    : new BigDecimal(m.group(1));
        }
        m = RATIO.matcher(t);
        if (m.matches()) {
            BigInteger den = new BigInteger(m.group(2));
            if (den.signum() == 0) {
                return null;
            }
            return new BigDecimal(new BigInteger(m.group(1)))
                    .divide(new BigDecimal(den), MathContext.DECIMAL64);
        }
        return null;
    }
}
