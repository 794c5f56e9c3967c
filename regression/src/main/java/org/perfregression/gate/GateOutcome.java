package org.perfregression.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.SampleStatistics;

/**
 * The gate's verdicts on a comparison.
 *
 * @param results one per compared subsection, in baseline order
 * @param prior the fork-to-fork variance the subsections were moderated towards
 * @param gate the test that decided
 * @param direction which way is better
 * @param confirmationRun whether flagged subsections were re-measured
 * @param run the run's effect the subsections were judged against (the suite's shift and spread)
 * @param runTolerancePct how far a run may move on this machine; beyond it the suite-wide change is a verdict
 * @param move how this benchmark moved against the rest of its suite; null when not estimated (side by
 *     side, or too few subsections)
 */
public record GateOutcome(List<GateResult> results, Prior prior, ForkGate gate, Direction direction,
        boolean confirmationRun, RunEffect run, double runTolerancePct, BenchmarkMove move) {

    public GateOutcome {
        results = List.copyOf(results);
    }

    /**
     * This outcome with every verdict whose change is less than {@code minDelta} (in the data's unit)
     * turned into no change: an absolute floor under the relative test. A subsection's own verdict
     * is floored by its median's change; a suite-wide or benchmark-wide verdict by its group's
     * estimated change applied to its baseline median, the estimate its verdict rests on (its own
     * few forks are a far worse one: measured, a benchmark slowed by 15 % had subsections whose own
     * median moved by -0.4 %).
     *
     * @param medianChange each subsection's absolute median change, current minus baseline
     * @param baselineMedian each subsection's baseline median
     */
    public GateOutcome withFloor(double minDelta, java.util.function.ToDoubleFunction<SubsectionKey> medianChange,
            java.util.function.ToDoubleFunction<SubsectionKey> baselineMedian) {
        if (!(minDelta > 0)) {
            return this;
        }
        List<GateResult> floored = results.stream().map(r -> {
            double change = switch (r.confirmation()) {
                case SUITE_WIDE -> baselineMedian.applyAsDouble(r.key()) * Math.expm1(run.shift());
                case BENCHMARK_WIDE -> baselineMedian.applyAsDouble(r.key()) * Math.expm1(move.own().shift());
                default -> medianChange.applyAsDouble(r.key());
            };
            return r.verdict() == Verdict.NO_CHANGE || Math.abs(change) >= minDelta ? r
                    : new GateResult(r.key(), Verdict.NO_CHANGE, r.changePct(), r.absolutePct(), r.lowPct(), r.highPct(),
                            r.pValue(), r.df(), r.mdcPct(), r.baselineForks(), r.currentForks(), r.driftCorrected(),
                            r.confirmation(), r.confirmPValue(), "below the absolute floor of " + minDelta + " (was: "
                                    + r.message() + ")");
        }).toList();
        return new GateOutcome(floored, prior, gate, direction, confirmationRun, run, runTolerancePct, move);
    }

    /**
     * This outcome with every regression of {@code benchmark} that an acceptance holding on
     * {@code today} names marked {@link Confirmation#ACCEPTED}: still a regression in every report,
     * with the acceptance's reason, but no longer failing. Expired acceptances change nothing.
     */
    public GateOutcome withAccepted(String benchmark, List<Acceptance> acceptances, java.time.LocalDate today) {
        if (acceptances.isEmpty()) {
            return this;
        }
        List<GateResult> marked = results.stream().map(r -> {
            if (r.verdict() != Verdict.REGRESSION) {
                return r;
            }
            Acceptance holding = acceptances.stream().filter(a -> a.names(benchmark, r.key()) && a.holdsOn(today))
                    .findFirst().orElse(null);
            return holding == null ? r : new GateResult(r.key(), r.verdict(), r.changePct(), r.absolutePct(), r.lowPct(),
                    r.highPct(), r.pValue(), r.df(), r.mdcPct(), r.baselineForks(), r.currentForks(), r.driftCorrected(),
                    Confirmation.ACCEPTED, r.confirmPValue(), holding.describe() + " (" + r.message() + ")");
        }).toList();
        return new GateOutcome(marked, prior, gate, direction, confirmationRun, run, runTolerancePct, move);
    }

    /** What the subsections were tested against: the suite's shift, or the benchmark's own level once it moved. */
    public RunEffect judgedAgainst() {
        return BenchmarkMove.judgedAgainst(move, run);
    }

    /** The run's shift in %: the suite's median change. */
    public double runShiftPct() {
        return ForkGate.pct(run.shift());
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    public long count(Confirmation confirmation) {
        return results.stream().filter(r -> r.confirmation() == confirmation).count();
    }

    /** Whether a regression fails the run: one that no acceptance holds. */
    public boolean failed() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSION && r.confirmation() != Confirmation.ACCEPTED);
    }

    /** Median of the minimum detectable changes, NaN when none could be computed. */
    public double typicalMdcPct() {
        double[] mdc = results.stream().mapToDouble(GateResult::mdcPct).filter(Double::isFinite).toArray();
        return mdc.length == 0 ? Double.NaN : SampleStatistics.median(mdc);
    }

    /**
     * The first test's subsections that more forks could still turn into a regression: not flagged,
     * no verdict of a group, and their interval reaching past the floor on the regression side
     * (above it for time, under its negative for throughput); most {@linkplain #doubt doubtful} first.
     * Improvements are left out: they fail nothing, so a budget spent on them buys no verdict.
     */
    public List<GateResult> inDoubt() {
        List<GateResult> doubtful = new ArrayList<>();
        for (GateResult r : results) {
            double reach = worse() * Math.log1p((worse() > 0 ? r.highPct() : r.lowPct()) / 100);
            if (r.confirmation() == Confirmation.NOT_FLAGGED && r.verdict() == Verdict.NO_CHANGE
                    && Double.isFinite(r.lowPct()) && reach > floorLog()) {
                doubtful.add(r);
            }
        }
        doubtful.sort(Comparator.comparingDouble(this::doubt).reversed());
        return doubtful;
    }

    /**
     * How doubtful {@code r} is, comparable across benchmarks: how far its estimate lies towards the
     * floor on the regression side, and past it, in widths of its interval on the log scale. An
     * estimate at the floor, or past it but not significantly, comes before one far under it.
     */
    public double doubt(GateResult r) {
        return (worse() * Math.log1p(r.changePct() / 100) - floorLog())
                / (Math.log1p(r.highPct() / 100) - Math.log1p(r.lowPct() / 100));
    }

    /** +1 where a regression is a rise (time), -1 where it is a fall (throughput). */
    private double worse() {
        return direction == Direction.HIGHER_IS_BETTER ? -1 : 1;
    }

    /** The floor on the regression side, on the log scale, as the first test reads it. */
    private double floorLog() {
        return gate.floorLog(worse());
    }

    /** Regressions, then improvements, then cleared flags, then the rest; each by |change| / MDC, largest first. */
    public List<GateResult> worstFirst() {
        List<GateResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt((GateResult r) -> r.verdict().ordinal())
                .thenComparing(r -> r.confirmation() != Confirmation.CLEARED)
                .thenComparing(Comparator.comparingDouble(GateResult::severity).reversed()));
        return ordered;
    }

    /**
     * E.g. {@code 90 compared: 2 regressions, 0 improvements, 88 no change (2 verdicts confirmed in fresh
     * forks, 3 flags cleared); run shift -4.0% (within the 15% tolerance for a whole run); minimum
     * detectable change 30.1% typical}.
     */
    public String oneLine() {
        long regressions = count(Verdict.REGRESSION);
        long improvements = count(Verdict.IMPROVEMENT);
        long confirmed = results.stream().filter(r -> r.verdict() != Verdict.NO_CHANGE
                && r.confirmation() == Confirmation.CONFIRMED).count();
        StringBuilder line = new StringBuilder().append(results.size()).append(" compared: ")
                .append(regressions).append(regressions == 1 ? " regression, " : " regressions, ")
                .append(improvements).append(improvements == 1 ? " improvement, " : " improvements, ")
                .append(count(Verdict.NO_CHANGE)).append(" no change");
        long accepted = count(Confirmation.ACCEPTED);
        if (accepted > 0) {
            line.append(" (").append(accepted).append(accepted == 1 ? " regression" : " regressions")
                    .append(" accepted: failing nothing until the acceptance expires)");
        }
        if (confirmationRun) {
            line.append(" (").append(confirmed).append(" verdict").append(confirmed == 1 ? "" : "s")
                    .append(" confirmed in fresh forks, ").append(count(Confirmation.CLEARED)).append(" flag")
                    .append(count(Confirmation.CLEARED) == 1 ? "" : "s").append(" cleared)");
        } else if (count(Confirmation.NOT_REMEASURED) > 0) {
            line.append(" (not confirmed in fresh forks)");
        }
        if (!run.equals(RunEffect.NONE)) {
            // Without a run effect (too few subsections, or both sides measured side by side) there is nothing to say.
            line.append(String.format(java.util.Locale.ROOT, "; run shift %+.1f%% (%s the %.1f%% tolerance for a whole "
                    + "run), subsections %.1f%% around it beyond their noise", runShiftPct(),
                    Math.abs(runShiftPct()) > runTolerancePct ? "beyond" : "within", runTolerancePct, judgedAgainst().interactionSdPct()));
        }
        if (count(Confirmation.SUITE_WIDE) > 0) {
            line.append(", ").append(count(Confirmation.SUITE_WIDE)).append(" verdicts suite-wide");
        }
        if (move != null) {
            line.append("; ").append(move.describe());
        }
        if (count(Confirmation.BENCHMARK_WIDE) > 0) {
            line.append(", ").append(count(Confirmation.BENCHMARK_WIDE)).append(" verdicts benchmark-wide");
        }
        double mdc = typicalMdcPct();
        if (Double.isFinite(mdc)) {
            line.append(String.format(java.util.Locale.ROOT, "; minimum detectable change %.1f%% typical", mdc));
        }
        return line.toString();
    }
}
