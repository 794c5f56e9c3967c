package org.perfregression.runner;

import java.util.Arrays;
import java.util.List;
import org.perfregression.jmh.JmhResult;
import org.perfregression.stats.SampleStatistics;

/**
 * Whether warmup was long enough: in each fork, the median of the first {@link #HEAD} measured
 * samples against the median of the rest. A fork whose first samples are more than
 * {@link #TOLERANCE} slower was still compiling when measurement began.
 *
 * @param forks forks examined
 * @param skewed forks whose first samples were slow
 * @param worstRatio the largest head/rest ratio seen
 * @param worst the combination with that ratio
 */
record WarmupCheck(int forks, int skewed, double worstRatio, String worst) {

    static final int HEAD = 5;
    static final double TOLERANCE = 1.2;

    static WarmupCheck of(List<JmhResult> results) {
        int forks = 0;
        int skewed = 0;
        double worstRatio = 0;
        String worst = "";
        for (JmhResult result : results) {
            for (double[] fork : result.samples()) {
                if (fork.length < 2 * HEAD) {
                    continue;
                }
                double head = SampleStatistics.median(Arrays.copyOf(fork, HEAD));
                double rest = SampleStatistics.median(Arrays.copyOfRange(fork, HEAD, fork.length));
                double ratio = head / rest;
                forks++;
                if (ratio > TOLERANCE) {
                    skewed++;
                }
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = result.methodName() + " " + result.params();
                }
            }
        }
        return new WarmupCheck(forks, skewed, worstRatio, worst);
    }

    /** One line for the terminal. */
    String summary() {
        if (forks == 0) {
            return "warmup check: not enough samples per fork to judge";
        }
        return String.format("warmup check: %d of %d forks had their first %d samples more than %.0f%% slower "
                + "than the rest (worst %.2fx, %s)", skewed, forks, HEAD, (TOLERANCE - 1) * 100, worstRatio, worst);
    }
}
