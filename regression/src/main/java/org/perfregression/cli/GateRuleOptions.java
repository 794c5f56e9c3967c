package org.perfregression.cli;

import java.util.ArrayList;
import java.util.List;
import org.perfregression.data.InvalidInputException;
import org.perfregression.gate.BenchmarkMove;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.GateCheck;
import picocli.CommandLine.Option;

/** Which rule decides, and the fork-aware gate's knobs: shared by {@code compare} and the main job. */
public final class GateRuleOptions {

    /** The deciding rule. */
    public enum Rule { seed, gate }

    @Option(names = "--rule", paramLabel = "seed|gate",
            description = "Which rule decides: the seed's (Mann-Whitney U + median + MAD band on all samples) or the "
                    + "fork-aware gate (median fork levels, drift-corrected, moderated t, confirmation) "
                    + "(default: ${DEFAULT-VALUE}). Reports show both.")
    Rule rule;

    @Option(names = "--min-change", paramLabel = "PCT",
            description = "Gate: changes smaller than this are never a verdict (default: ${DEFAULT-VALUE}).")
    double minChangePct = ForkGate.withDefaults().minChangePct();

    @Option(names = "--gate-significance", paramLabel = "ALPHA",
            description = "Gate: significance of the first test on fork levels (default: ${DEFAULT-VALUE}).")
    double significance = ForkGate.withDefaults().significance();

    @Option(names = "--run-tolerance", paramLabel = "PCT",
            description = "Gate: how far a whole run may move on this machine without a code change; a suite-wide "
                    + "change beyond it is a verdict for every subsection that moved with it (default: ${DEFAULT-VALUE}).")
    double runTolerancePct = GateCheck.DEFAULT_RUN_TOLERANCE_PCT;

    @Option(names = "--benchmark-tolerance", paramLabel = "PCT",
            description = "Gate: how far one benchmark (20 subsections or more) may move against the rest of the "
                    + "suite without a code change; a move beyond it, significant at 3 standard errors, is a "
                    + "verdict for every subsection of that benchmark that moved with it (default: ${DEFAULT-VALUE}).")
    double benchmarkTolerancePct = BenchmarkMove.DEFAULT_TOLERANCE_PCT;

    @Option(names = "--interleaved",
            description = "Gate: both sides were measured interleaved on one machine (as ab does): a shift of the "
                    + "whole suite is a change of the code once it is significant (3 standard errors, at least the "
                    + "floor), not the machine; --run-tolerance does not apply.")
    boolean interleaved;

    @Option(names = "--min-change-for", paramLabel = "REGEX=PCT",
            description = "Gate: benchmarks whose name the regular expression finds are judged with this minimum "
                    + "change instead of --min-change (the first that finds a benchmark). Repeatable.")
    List<String> minChangeFor = new ArrayList<>();

    /** The per-benchmark minimum changes, as given with {@code --min-change-for}; bad ones are one-line errors. */
    public List<org.perfregression.analysis.SuiteComparison.Threshold> thresholds() {
        if (!minChangeFor.isEmpty() && !gate()) {
            throw new InvalidInputException("--min-change-for applies to the gate: use it with --rule gate");
        }
        return minChangeFor.stream().map(org.perfregression.analysis.SuiteComparison.Threshold::parse).toList();
    }

    @Option(names = "--accept", paramLabel = "REGEX=REASON[@YYYY-MM-DD]",
            description = "Gate: regressions of the subsections whose benchmark/section/subsection the regular "
                    + "expression finds are reported but fail nothing, with the reason, until the date (inclusive; "
                    + "none for no expiry); after it they fail again. Repeatable.")
    List<String> accept = new ArrayList<>();

    /** The accepted regressions, as given with {@code --accept}; bad ones are one-line errors. */
    public List<org.perfregression.gate.Acceptance> acceptances() {
        if (!accept.isEmpty() && !gate()) {
            throw new InvalidInputException("--accept applies to the gate's verdicts: use it with --rule gate");
        }
        return accept.stream().map(org.perfregression.gate.Acceptance::parse).toList();
    }

    /** @param defaultRule the command's default: the seed's for {@code compare}, the gate for the main job */
    public GateRuleOptions(Rule defaultRule) {
        this.rule = defaultRule;
    }

    public boolean gate() {
        return rule == Rule.gate;
    }

    /** Whether both sides were measured side by side, so that no run shift is estimated. */
    public boolean interleaved() {
        return interleaved;
    }

    /** The whole comparison's gate in {@code direction}; bad values are one-line errors naming the option. */
    public GateCheck check(org.perfregression.check.Direction direction) {
        try {
            return new GateCheck(forkGate(), direction).withRunTolerancePct(runTolerancePct)
                    .withBenchmarkTolerancePct(benchmarkTolerancePct);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--run-tolerance / --benchmark-tolerance: " + e.getMessage());
        }
    }

    /** The configured gate; bad values are one-line errors naming the option. */
    public ForkGate forkGate() {
        try {
            return ForkGate.withDefaults().withMinChangePct(minChangePct).withSignificance(significance);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--min-change / --gate-significance: " + e.getMessage());
        }
    }
}
