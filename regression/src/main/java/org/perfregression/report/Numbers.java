package org.perfregression.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.perfregression.check.Decimals;
import org.perfregression.check.SubsectionResult;

/** How every report prints the numbers of a result, so that all formats agree. */
final class Numbers {

    private Numbers() {
    }

    /** A measured value: six significant digits, no exponent, no trailing zeros. */
    static String compact(double x) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "n/a" : Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** The median change in percent with its sign, {@code n/a} when undefined. */
    static String delta(SubsectionResult r) {
        return Double.isNaN(r.deltaMedianPct()) ? "n/a" : Decimals.signed(r.deltaMedianPct(), 3);
    }

    /** The noise band in percent. */
    static String band(SubsectionResult r) {
        return Decimals.fixed(r.noiseBandPct(), 3);
    }

    /** The p-value: three decimals, or scientific below 0.001 where three decimals would say 0. */
    static String p(double p) {
        return p < 0.001 && p > 0 ? String.format(Locale.ROOT, "%.2e", p) : Decimals.fixed(p, 3);
    }

    /** {@code regression}, {@code improvement} or {@code no change}. */
    static String verdict(SubsectionResult r) {
        return r.verdict().id().replace('_', ' ');
    }

    /** A gate's change in percent with its sign, one decimal. */
    static String gateChange(org.perfregression.gate.GateResult r) {
        return Double.isFinite(r.changePct()) ? String.format(Locale.ROOT, "%+.1f", r.changePct()) : "n/a";
    }

    /** A gate's confidence interval, e.g. {@code +2.0..+9.5}. */
    static String gateInterval(org.perfregression.gate.GateResult r) {
        return Double.isFinite(r.lowPct()) ? String.format(Locale.ROOT, "%+.1f..%+.1f", r.lowPct(), r.highPct()) : "n/a";
    }

    /** A gate's minimum detectable change, one decimal. */
    static String gateMdc(org.perfregression.gate.GateResult r) {
        return Double.isFinite(r.mdcPct()) ? String.format(Locale.ROOT, "%.1f", r.mdcPct()) : "n/a";
    }

    /** The gate's verdict, with how confirmation went: {@code regression (confirmed)}, {@code no change (cleared)}. */
    static String gateVerdict(org.perfregression.gate.GateResult r) {
        String verdict = r.verdict().id().replace('_', ' ');
        return switch (r.confirmation()) {
            case NOT_FLAGGED -> verdict;
            case NOT_REMEASURED -> verdict + " (unconfirmed)";
            default -> verdict + " (" + r.confirmation().label() + ")";
        };
    }
}
