package org.perfregression.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** How reports print measured values: six significant digits, no exponent, no trailing zeros. */
final class Numbers {

    private Numbers() {
    }

    static String compact(double x) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "n/a" : Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
