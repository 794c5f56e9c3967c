package org.perfregression.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void roundsTheExactBinaryValueLikePython() {
        // Python: format(0.0125, ".3f") == "0.013" (0.0125 is slightly above in binary),
        // format(2.675, ".2f") == "2.67" (slightly below), format(0.5, ".0f") == "0" (half to even)
        assertEquals("0.013", Decimals.fixed(0.0125, 3));
        assertEquals("2.67", Decimals.fixed(2.675, 2));
        assertEquals("0", Decimals.fixed(0.5, 0));
        assertEquals("2", Decimals.fixed(1.5, 0));
        assertEquals("-0.000", Decimals.fixed(-0.0001, 3));
        assertEquals("+3.960", Decimals.signed(3.9603960396039604, 3));
        assertEquals("-4.000", Decimals.signed(-4.0, 3));
    }
}
