package org.perfregression.check;

import java.util.ArrayList;
import java.util.List;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;

/**
 * Compares a current run with its baseline, subsection by subsection, with a {@link RegressionRule}.
 *
 * <p>Strict by default, as the original tool: the two sides must have the same sections, the same
 * subsections and the same number of samples in each, and a {@link StructureMismatchException}
 * lists every difference. {@link #withLenient(boolean) Lenient} mode compares what both sides have,
 * whatever the sample counts, reports baseline subsections missing from the current data (a
 * failure of the gate) and those new in it (informational).
 *
 * <p>Immutable; configure with the {@code with...} methods.
 */
public final class RegressionCheck {

    private static final RegressionCheck DEFAULTS =
            new RegressionCheck(RegressionRule.withDefaults(), false, Direction.LOWER_IS_BETTER, true);

    private final RegressionRule rule;
    private final boolean lenient;
    private final Direction direction;
    private final boolean equalCounts;

    private RegressionCheck(RegressionRule rule, boolean lenient, Direction direction, boolean equalCounts) {
        this.rule = rule;
        this.lenient = lenient;
        this.direction = direction;
        this.equalCounts = equalCounts;
    }

    /** The original tool's defaults: strict structure, default rule, lower is better. */
    public static RegressionCheck withDefaults() {
        return DEFAULTS;
    }

    public RegressionCheck with(RegressionRule rule) {
        return new RegressionCheck(rule, lenient, direction, equalCounts);
    }

    public RegressionCheck with(Direction direction) {
        return new RegressionCheck(rule, lenient, direction, equalCounts);
    }

    public RegressionCheck withLenient(boolean lenient) {
        return new RegressionCheck(rule, lenient, direction, equalCounts);
    }

    /**
     * Whether strict mode requires equal sample counts (the default, as the original tool). Data
     * measured in whole forks (baselines of 6 forks against a run of 2) differs in counts by design:
     * the fork-aware gate compares fork levels, not samples.
     */
    public RegressionCheck withEqualSampleCounts(boolean required) {
        return new RegressionCheck(rule, lenient, direction, required);
    }

    /** Shorthand for {@code withDefaults().check(baseline, current)}. */
    public static CheckResult check(PerformanceData baseline, PerformanceData current) {
        return DEFAULTS.compare(baseline, current);
    }

    /**
     * Compares {@code current} with {@code baseline}.
     *
     * @throws StructureMismatchException in strict mode, when the shapes differ
     */
    public CheckResult compare(PerformanceData baseline, PerformanceData current) {
        if (!lenient) {
            List<String> differences = structuralDifferences(baseline, current, equalCounts);
            if (!differences.isEmpty()) {
                throw new StructureMismatchException(differences);
            }
        }
        List<SubsectionResult> results = new ArrayList<>();
        List<SubsectionKey> missing = new ArrayList<>();
        baseline.forEach((key, samples) -> {
            if (current.has(key.section(), key.subsection())) {
                results.add(rule.evaluate(key, samples, current.samples(key), direction));
            } else {
                missing.add(key);
            }
        });
        List<SubsectionKey> added = current.keys().stream()
                .filter(key -> !baseline.has(key.section(), key.subsection()))
                .toList();
        return new CheckResult(results, missing, added, rule, direction);
    }

    /** Every way the two shapes differ, in baseline order then current order. */
    static List<String> structuralDifferences(PerformanceData baseline, PerformanceData current, boolean equalCounts) {
        List<String> differences = new ArrayList<>();
        for (String section : baseline.sections()) {
            if (!current.hasSection(section)) {
                differences.add("section " + section + " is missing from current");
                continue;
            }
            for (String subsection : baseline.subsections(section)) {
                SubsectionKey key = new SubsectionKey(section, subsection);
                if (!current.has(section, subsection)) {
                    differences.add(key + " is missing from current");
                } else {
                    int nb = baseline.samples(key).size();
                    int nc = current.samples(key).size();
                    if (nb != nc && equalCounts) {
                        differences.add(key + " has " + nb + " baseline samples but " + nc + " current samples");
                    }
                }
            }
        }
        for (String section : current.sections()) {
            if (!baseline.hasSection(section)) {
                differences.add("section " + section + " is new in current");
                continue;
            }
            for (String subsection : current.subsections(section)) {
                if (!baseline.has(section, subsection)) {
                    differences.add(new SubsectionKey(section, subsection) + " is new in current");
                }
            }
        }
        return differences;
    }
}
