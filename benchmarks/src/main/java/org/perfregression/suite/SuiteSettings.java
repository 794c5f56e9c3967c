package org.perfregression.suite;

/**
 * The measurement settings of the default suite, used by the benchmark annotations and the main job.
 *
 * <p>Why these numbers (measured on the project's 2-core machine; README "Settings and budget"):
 * the gate's unit of replication is the fork, so forks matter more than iterations. The 282
 * combinations must finish within 10 minutes with confirmation, so the main job runs 2 forks of
 * each (564 forks of about 0.8 s: 0.4 s to start, 0.3 s of warmup, 25 x 3 ms of measurement with
 * the calibration kernel after each iteration); baselines, made rarely and allowed 30 minutes, run
 * {@link #BASELINE_FORKS} forks, which also gives them {@code 6 x 25 = 150} samples per subsection.
 * 10 x 30 ms of warmup leaves a small tail of slow first samples (the run's warmup check reports
 * it); a fork's median ignores it.
 */
public final class SuiteSettings {

    /** Forks (interleaved passes) of the main job. */
    public static final int FORKS = 2;
    /** Forks (interleaved passes) of {@code --regenerate-gt}. */
    public static final int BASELINE_FORKS = 6;
    public static final int WARMUP_ITERATIONS = 10;
    public static final int WARMUP_MILLIS = 30;
    public static final int MEASUREMENT_ITERATIONS = 25;
    public static final int MEASUREMENT_MILLIS = 3;

    /** Serial GC and a fixed heap: fewer threads competing for two cores, no heap resizing. */
    public static final String GC = "-XX:+UseSerialGC";
    public static final String MIN_HEAP = "-Xms256m";
    public static final String MAX_HEAP = "-Xmx256m";
    /**
     * Every object alive at a young collection goes straight to the old generation. Without it, every
     * collection copied the 2 MB a young fork has alive from one survivor space to the other (1.6-2.4
     * ms a pause; objects are promoted after 15 collections, more than a fork lives): a fifth of the
     * constructor's measured time, and how many such pauses fell into a fork's 25 windows set most of
     * its fork-to-fork spread. With it a collection finds only the benchmark's own garbage and takes
     * 0.06-0.34 ms (measured: docs/accessor-suite.md).
     */
    public static final String TENURING = "-XX:MaxTenuringThreshold=0";

    private SuiteSettings() {
    }
}
