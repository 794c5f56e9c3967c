package org.perfregression.runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.perfregression.check.CheckResult;
import org.perfregression.cli.RuleOptions;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.GateCheck;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.GateResult;
import org.perfregression.gate.RunEffect;
import org.perfregression.platform.PlatformMismatchException;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.report.ReportInput;

/**
 * One benchmark of the main job compared with its baseline: the seed rule on all samples of the
 * first measurement, and the fork-aware gate on the same forks, later confirmed with fresh ones.
 *
 * @param benchmark the benchmark method, e.g. {@code constructor}
 * @param baseline the baseline samples of the subsections this run measured
 * @param current the first measurement's samples (confirmation forks excluded)
 * @param currentName where the current data is
 * @param seed the seed rule's verdicts
 * @param gate the gate's verdicts; null when gating with the seed rule
 * @param baselineForks the baseline split into forks (for confirmation); null without the gate
 */
record Comparison(String benchmark, PerformanceData baseline, PerformanceData current, String currentName,
        CheckResult seed, GateOutcome gate, Map<SubsectionKey, ForkedSamples> baselineForks) {

    /**
     * The first comparison of {@code benchmark}.
     *
     * @param check the gate, or null to apply the seed rule only
     */
    static Comparison first(String benchmark, GroundTruth.Baselines baselines, SuiteResults results, GateCheck check,
            RuleOptions rule, String currentName) {
        PerformanceData all = results.byBenchmark().get(benchmark);
        PerformanceData stored = baselines.byBenchmark().get(benchmark);
        if (stored == null) {
            throw new PlatformMismatchException("no baseline for " + benchmark + " in " + baselines.dir()
                    + "; add it with --regenerate-gt --force");
        }
        ForkLayout layout = results.layouts().get(benchmark);
        PerformanceData current = layout.firstMeasurement(all, currentName);
        // A partial run (a regex, -p, --quick) is compared on what it measured.
        PerformanceData baseline = stored.select(k -> current.has(k.section(), k.subsection()));
        CheckResult seed = rule.check().withLenient(true).compare(baseline, current);
        if (check == null) {
            return new Comparison(benchmark, baseline, current, currentName, seed, null, null);
        }
        String baselineName = baselines.dir().resolve(benchmark + ".json").toString();
        Map<SubsectionKey, ForkedSamples> baselineForks = baselines.layouts().get(benchmark)
                .split(baseline, false, baselineName);
        GateOutcome gate = check.compare(baselineForks, layout.split(all, false, currentName));
        return new Comparison(benchmark, baseline, current, currentName, seed, gate, baselineForks);
    }

    /**
     * The run's effect over the whole suite, from every subsection of every benchmark this run
     * measured (see {@link RunEffect}).
     */
    static RunEffect runEffect(GroundTruth.Baselines baselines, SuiteResults results, GateCheck check) {
        List<double[]> changes = new ArrayList<>();
        for (String benchmark : results.byBenchmark().keySet()) {
            PerformanceData stored = baselines.byBenchmark().get(benchmark);
            ForkLayout baselineLayout = baselines.layouts().get(benchmark);
            if (stored == null || baselineLayout == null) {
                continue;
            }
            String name = baselines.dir().resolve(benchmark + ".json").toString();
            PerformanceData all = results.byBenchmark().get(benchmark);
            changes.addAll(check.changes(baselineLayout.split(stored, false, name),
                    results.layouts().get(benchmark).split(all, false, benchmark)));
        }
        return RunEffect.estimate(changes);
    }

    /**
     * This comparison with the gate's flags re-tested on the confirmation forks in {@code results};
     * which confirmations stand is decided over the whole suite ({@link #decided}).
     */
    Comparison remeasured(SuiteResults results, GateCheck check) {
        Map<SubsectionKey, ForkedSamples> fresh = results.layouts().get(benchmark)
                .split(results.byBenchmark().get(benchmark), true, currentName);
        if (gate == null || !gate.results().stream().anyMatch(GateResult::flagged) || fresh.isEmpty()) {
            return this;
        }
        return new Comparison(benchmark, baseline, current, currentName, seed,
                check.remeasure(gate, baselineForks, fresh), baselineForks);
    }

    /** Every comparison's confirmations decided at one false discovery rate over the whole suite. */
    static Map<String, Comparison> decided(Map<String, Comparison> remeasured, GateCheck check) {
        List<GateOutcome> outcomes = remeasured.values().stream().map(Comparison::gate)
                .filter(g -> g != null && g.confirmationRun()).toList();
        double threshold = check.discoveryThreshold(outcomes);
        Map<String, Comparison> decided = new java.util.LinkedHashMap<>();
        remeasured.forEach((benchmark, c) -> decided.put(benchmark, c.gate() == null || !c.gate().confirmationRun() ? c
                : new Comparison(benchmark, c.baseline, c.current, c.currentName, c.seed,
                        check.decide(c.gate(), threshold), c.baselineForks)));
        return decided;
    }

    /** The subsections the gate flagged in any benchmark, the largest changes relative to their MDC first. */
    static List<SuiteKey> flagged(Map<String, Comparison> comparisons, int max) {
        List<GateResult> flagged = new ArrayList<>();
        List<String> benchmarks = new ArrayList<>();
        for (Comparison c : comparisons.values()) {
            for (GateResult r : c.gate().results()) {
                if (r.flagged()) {
                    flagged.add(r);
                    benchmarks.add(c.benchmark());
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < flagged.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> flagged.get(i).severity()).reversed());
        return order.stream().limit(max).map(i -> new SuiteKey(benchmarks.get(i), flagged.get(i).key())).toList();
    }

    /** What the reports show of this benchmark; the data paths as {@code compare} on the two folders names them. */
    ReportInput reportInput(GroundTruth.Baselines baselines, String unit, double minDelta) {
        return new ReportInput(benchmark, unit, seed, baseline, current,
                BenchmarkFolder.data(baselines.dir(), benchmark).toString(), currentName, List.of(),
                gate == null ? null : gate.withFloor(minDelta, seed.medianChange()));
    }
}
