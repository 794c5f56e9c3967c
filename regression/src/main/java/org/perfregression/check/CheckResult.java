package org.perfregression.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.SubsectionKey;

/**
 * Everything a comparison found: one result per compared subsection (in baseline order) and, in
 * lenient mode, the subsections only one side has.
 *
 * @param results the per-subsection verdicts
 * @param missingInCurrent baseline subsections the current data lacks: each fails the gate
 * @param newInCurrent current subsections the baseline lacks: reported, not judged
 * @param rule the rule that decided
 * @param direction which way is better for the compared metric
 */
public record CheckResult(
        List<SubsectionResult> results,
        List<SubsectionKey> missingInCurrent,
        List<SubsectionKey> newInCurrent,
        RegressionRule rule,
        Direction direction) {

    public CheckResult {
        results = List.copyOf(results);
        missingInCurrent = List.copyOf(missingInCurrent);
        newInCurrent = List.copyOf(newInCurrent);
    }

    public Summary summary() {
        int regressions = 0;
        int improvements = 0;
        List<String> regressionMessages = new ArrayList<>();
        List<String> improvementMessages = new ArrayList<>();
        for (SubsectionResult r : results) {
            if (r.verdict() == Verdict.REGRESSION) {
                regressions++;
                regressionMessages.add(r.key() + ": " + r.message());
            } else if (r.verdict() == Verdict.IMPROVEMENT) {
                improvements++;
                improvementMessages.add(r.key() + ": " + r.message());
            }
        }
        return new Summary(results.size(), regressions, improvements, results.size() - regressions - improvements,
                regressionMessages, improvementMessages, missingInCurrent.size(), newInCurrent.size());
    }

    /** Whether the gate fails: see {@link Summary#failed()}. */
    public boolean failed() {
        return summary().failed();
    }

    /** The results nested as the original tool returns them: {@code {section: {subsection: result}}}. */
    public Map<String, Map<String, SubsectionResult>> bySection() {
        Map<String, Map<String, SubsectionResult>> nested = new LinkedHashMap<>();
        for (SubsectionResult r : results) {
            nested.computeIfAbsent(r.key().section(), s -> new LinkedHashMap<>()).put(r.key().subsection(), r);
        }
        return nested;
    }

    /**
     * Each subsection's median change, current minus baseline, in the data's unit (for an absolute
     * floor under another rule's verdicts); infinite for a subsection this result does not have.
     */
    public java.util.function.ToDoubleFunction<SubsectionKey> medianChange() {
        java.util.Map<SubsectionKey, Double> changes = new java.util.HashMap<>();
        results.forEach(r -> changes.put(r.key(), r.currentMedian() - r.baselineMedian()));
        return key -> changes.getOrDefault(key, Double.POSITIVE_INFINITY);
    }

    /** Each subsection's baseline median, by key (NaN for a key it does not have). */
    public java.util.function.ToDoubleFunction<SubsectionKey> baselineMedian() {
        java.util.Map<SubsectionKey, Double> medians = new java.util.HashMap<>();
        results.forEach(r -> medians.put(r.key(), r.baselineMedian()));
        return key -> medians.getOrDefault(key, Double.NaN);
    }

    /** Regressions first, then improvements, then the rest; each group by how far past (or into) its noise band the change went, largest first. */
    public List<SubsectionResult> worstFirst() {
        List<SubsectionResult> ordered = new ArrayList<>(results);
        ordered.sort(java.util.Comparator.comparingInt((SubsectionResult r) -> r.verdict().ordinal())
                .thenComparing(java.util.Comparator.comparingDouble(SubsectionResult::severity).reversed()));
        return ordered;
    }
}
