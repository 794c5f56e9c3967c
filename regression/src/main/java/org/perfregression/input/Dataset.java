package org.perfregression.input;

import org.perfregression.check.Direction;
import org.perfregression.data.PerformanceData;
import org.perfregression.platform.Platform;

/**
 * Samples together with what they measure and where: the unit travels with the data, so that a
 * comparison can refuse different units and knows which way is better, and the platform, so that it
 * can refuse timings from another machine.
 *
 * @param data the samples
 * @param unit e.g. {@code ns/op} or {@code ops/s}; null when unknown
 * @param platform where they were measured, as far as known
 * @param source where they came from, e.g. the file name
 */
public record Dataset(PerformanceData data, String unit, Platform platform, String source) {

    /** Higher is better for throughput units ({@code ops/...}), lower otherwise or when unknown. */
    public Direction direction() {
        return Direction.ofUnit(unit);
    }
}
