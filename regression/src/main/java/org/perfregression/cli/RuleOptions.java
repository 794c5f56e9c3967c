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

    /** The check these options describe (strict about structure; callers may relax it). */
    public RegressionCheck check() {
        RegressionRule rule = RegressionRule.withDefaults()
                .withNoiseThreshold(noiseThresholdPct)
                .withSignificance(significance)
                .withMadMultiplier(madMultiplier);
        return RegressionCheck.withDefaults().with(rule);
    }
}
