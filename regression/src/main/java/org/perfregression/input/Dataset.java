package org.perfregression.input;

import org.perfregression.check.Direction;
import org.perfregression.data.PerformanceData;
import org.perfregression.gate.ForkLayout;
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
 * @param forks which fork each sample came from, with calibration times where measured (the sidecar's,
 *     or a JMH result's {@code rawData} per fork); null when unknown
 */
public record Dataset(PerformanceData data, String unit, Platform platform, String source, ForkLayout forks) {

    public Dataset(PerformanceData data, String unit, Platform platform, String source) {
        this(data, unit, platform, source, null);
    }

    /** Higher is better for throughput units ({@code ops/...}), lower otherwise or when unknown. */
    public Direction direction() {
        return Direction.ofUnit(unit);
    }
}
