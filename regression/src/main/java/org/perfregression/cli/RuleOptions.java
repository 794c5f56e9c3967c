package org.perfregression.cli;

import org.perfregression.check.RegressionCheck;
import org.perfregression.check.RegressionRule;
import picocli.CommandLine.Option;

/** The rule's knobs, shared by every command that compares. */
public final class RuleOptions {

    @Option(names = "--noise-threshold", paramLabel = "PCT",
            description = "Smallest noise band in percent: smaller median changes never count (default: ${DEFAULT-VALUE}).")
    double noiseThresholdPct = RegressionRule.DEFAULT_NOISE_THRESHOLD_PCT;

    @Option(names = "--significance", paramLabel = "ALPHA",
            description = "Mann-Whitney U p-value below which a change is significant (default: ${DEFAULT-VALUE}).")
    double significance = RegressionRule.DEFAULT_SIGNIFICANCE_LEVEL;

    @Option(names = "--mad-multiplier", paramLabel = "K",
            description = "The noise band spans K baseline MADs around the baseline median (default: ${DEFAULT-VALUE}).")
    double madMultiplier = RegressionRule.DEFAULT_MAD_MULTIPLIER;

    @Option(names = "--min-delta", paramLabel = "VALUE",
            description = "Absolute floor in the data's unit (e.g. 0.5 for ns/op): a median change smaller than this "
                    + "is never a verdict, whatever its percentage. Default for compare and ab: 0, off (the seed's "
                    + "rule exactly); the accessor suite's main job picks one from this machine's clock.")
    double minDelta;

    /** The check these options describe (strict about structure; callers may relax it). */
    public RegressionCheck check() {
        RegressionRule rule = RegressionRule.withDefaults()
                .withNoiseThreshold(noiseThresholdPct)
                .withSignificance(significance)
                .withMadMultiplier(madMultiplier)
                .withMinDelta(minDelta);
        return RegressionCheck.withDefaults().with(rule);
    }

    /** The absolute floor, in the data's unit (0: none). */
    public double minDelta() {
        return minDelta;
    }

    /** Sets the floor when the user gave none (the main job's machine-derived default). */
    public void defaultMinDelta(double delta) {
        this.minDelta = delta;
    }
}
