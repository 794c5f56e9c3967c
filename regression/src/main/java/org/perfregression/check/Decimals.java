package org.perfregression.check;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point formatting as Python's {@code format(x, ".3f")} does it: the exact binary value,
 * rounded half to even. {@code String.format} rounds the shortest decimal representation half up
 * instead and disagrees on values such as 0.0125, so messages would differ from the original tool's.
 */
public final class Decimals {

    private Decimals() {
    }

    /** {@code x} with {@code digits} decimals, e.g. {@code fixed(2.5, 3)} is {@code "2.500"}. */
    public static String fixed(double x, int digits) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf");
        }
        String text = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of a negative number that rounds to zero: "-0.000".
        return (x < 0 || (x == 0 && 1 / x < 0)) && !text.startsWith("-") ? "-" + text : text;
    }

    /** As {@link #fixed}, with an explicit {@code +} on positive numbers (Python's {@code "+.3f"}). */
    public static String signed(double x, int digits) {
        String text = fixed(x, digits);
        return text.startsWith("-") || text.equals("nan") ? text : "+" + text;
    }
}
