package org.perfregression.suite;

/**
 * The measurement settings of the default suite, used by the benchmark annotations.
 *
 * <p>Why these numbers (measured on the project's 2-core machine; README "Settings and budget"):
 * every (benchmark, rank, configuration) needs at least 100 samples from at least 2 forks, and the
 * 282 combinations must finish within 10 minutes, so each of the 564 forks has about one second. A
 * fork costs about 0.4 s to start; 10 x 30 ms of warmup leaves a small tail of slow first samples
 * (the run's warmup check reports it); the rest is measurement, in many short iterations because
 * each iteration is one sample.
 */
public final class SuiteSettings {

    public static final int FORKS = 2;
    public static final int WARMUP_ITERATIONS = 10;
    public static final int WARMUP_MILLIS = 30;
    public static final int MEASUREMENT_ITERATIONS = 50;
    public static final int MEASUREMENT_MILLIS = 3;

    private SuiteSettings() {
    }
}
