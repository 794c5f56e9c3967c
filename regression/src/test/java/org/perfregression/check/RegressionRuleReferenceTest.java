package org.perfregression.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perfregression.testing.ReferenceCases.assertRelativelyClose;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perfregression.data.Samples;
import org.perfregression.data.SubsectionKey;
import org.perfregression.testing.ReferenceCases;
import org.perfregression.testing.ReferenceCases.Case;

/** Every reference case: the verdict exactly, medians/MAD/delta/band bit for bit, p within 1e-9. */
class RegressionRuleReferenceTest {

    static List<Case> referenceCases() {
        return ReferenceCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void reproducesTheReferenceImplementation(Case c) {
        SubsectionKey key = new SubsectionKey("section", c.name());
        SubsectionResult r = RegressionRule.withDefaults().evaluate(key, Samples.of(c.baseline()), Samples.of(c.current()));

        assertEquals(c.verdict(), r.verdict().id(), "verdict");
        assertEquals(c.verdict().equals("regression"), r.isRegression(), "is_regression");
        assertEquals(c.baselineMedian(), r.baselineMedian(), 0.0, "baseline median");
        assertEquals(c.currentMedian(), r.currentMedian(), 0.0, "current median");
        assertEquals(c.baselineMad(), r.baselineMad(), 0.0, "baseline MAD");
        assertEquals(c.noiseBandPct(), r.noiseBandPct(), 0.0, "noise band");
        if (c.deltaMedianPct() == null) {
            assertTrue(Double.isNaN(r.deltaMedianPct()), "delta undefined");
            assertTrue(r.message().contains(c.name()), "zero-median message names the subsection: " + r.message());
        } else {
            assertEquals(c.deltaMedianPct(), r.deltaMedianPct(), 0.0, "delta");
        }
        assertRelativelyClose(c.pUsed(), r.pValue(), 1e-9, "p");
    }
}
