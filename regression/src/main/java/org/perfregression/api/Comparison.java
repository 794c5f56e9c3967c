package org.perfregression.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.perfregression.analysis.BenchmarkPair;
import org.perfregression.analysis.SuiteComparison;
import org.perfregression.check.Direction;
import org.perfregression.check.RegressionCheck;
import org.perfregression.data.InvalidInputException;
import org.perfregression.gate.GateCheck;
import org.perfregression.input.Baselines;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.input.Dataset;
import org.perfregression.input.DatasetLoader;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.PlatformGuard;

/**
 * A comparison of two files (PerformanceData or JMH result files) or two folders of benchmark files
 * (a ground-truth folder, a results folder): the inputs loaded and paired, platforms and units
 * checked, then the one {@link SuiteComparison}. What {@code compare} and the Maven plugin call.
 *
 * <p>Immutable; configure with the {@code with...} methods.
 */
public final class Comparison {

    private final SuiteComparison analysis;
    private final DatasetLoader loader;
    private final Direction direction;
    private final boolean allowPlatformMismatch;
    private final Consumer<String> warnings;

    private Comparison(SuiteComparison analysis, DatasetLoader loader, Direction direction,
            boolean allowPlatformMismatch, Consumer<String> warnings) {
        this.analysis = analysis;
        this.loader = loader;
        this.direction = direction;
        this.allowPlatformMismatch = allowPlatformMismatch;
        this.warnings = warnings;
    }

    /** The seed rule {@code seed} (strict or lenient as it is configured) on files as {@code compare} reads them. */
    public static Comparison of(RegressionCheck seed) {
        return new Comparison(SuiteComparison.of(seed), DatasetLoader.withDefaults(), null, false, w -> { });
    }

    /** Decides with the fork-aware gate; null for the seed rule alone. */
    public Comparison withGate(GateCheck gate) {
        return with(analysis.withGate(gate));
    }

    /** Both sides were measured interleaved on one machine ({@code ab}'s results). */
    public Comparison withInterleaved(boolean interleaved) {
        return with(analysis.withInterleaved(interleaved));
    }

    /** Benchmarks a threshold's pattern finds are judged with its minimum change instead of the gate's. */
    public Comparison withThresholds(List<SuiteComparison.Threshold> thresholds) {
        return with(analysis.withThresholds(thresholds));
    }

    /** Regressions that {@code accepted} names fail nothing until their acceptance expires (judged on {@code today}). */
    public Comparison withAcceptances(List<org.perfregression.gate.Acceptance> accepted, java.time.LocalDate today) {
        return with(analysis.withAcceptances(accepted, today));
    }

    /** Each subsection judged against its movement between earlier runs too ({@link SuiteComparison#withRecordedRuns}). */
    public Comparison withRecordedRuns(List<Map<String, Dataset>> runs) {
        return with(analysis.withRecordedRuns(runs));
    }

    /** Median changes smaller than {@code minDelta}, in the data's unit, are no verdict. */
    public Comparison withMinDelta(double minDelta) {
        return with(analysis.withMinDelta(minDelta));
    }

    /**
     * Whether to compare only what the current side measured (a run of part of a suite): the
     * baselines are cut to its subsections, and baseline benchmarks without current data are not missing.
     */
    public Comparison withMeasuredOnly(boolean measuredOnly) {
        return new Comparison(analysis.withMeasuredOnly(measuredOnly), loader, direction, allowPlatformMismatch,
                warnings);
    }

    /** How JMH result files become sections and subsections, which mode and metric to keep. */
    public Comparison withLoader(DatasetLoader loader) {
        return new Comparison(analysis, loader, direction, allowPlatformMismatch, warnings);
    }

    /** Which way is better, whatever the unit says; null to take it from the unit. */
    public Comparison withDirection(Direction direction) {
        return new Comparison(analysis, loader, direction, allowPlatformMismatch, warnings);
    }

    /** Compare data from different platforms anyway; every report then says the result is advisory. */
    public Comparison withAllowPlatformMismatch(boolean allow) {
        return new Comparison(analysis, loader, direction, allow, warnings);
    }

    /** Where warnings about the inputs go (short subsections), one line each. */
    public Comparison withWarnings(Consumer<String> warnings) {
        return new Comparison(analysis, loader, direction, allowPlatformMismatch, warnings);
    }

    private Comparison with(SuiteComparison analysis) {
        return new Comparison(analysis, loader, direction, allowPlatformMismatch, warnings);
    }

    /**
     * Compares {@code current} with {@code baseline}: two files, or two folders benchmark by
     * benchmark (a baseline benchmark without a current file fails; one only in the current folder
     * is listed, not compared).
     *
     * @throws InvalidInputException naming the file and the problem
     * @throws org.perfregression.platform.PlatformMismatchException when the platforms differ and
     *     that is not allowed
     */
    public Outcome run(Path baseline, Path current) throws IOException {
        if (Files.isDirectory(baseline) || Files.isDirectory(current)) {
            return folders(baseline, current);
        }
        return suite(List.of(load(BenchmarkFolder.benchmarkOf(baseline), baseline, current)), List.of(), List.of());
    }

    private Outcome folders(Path baseline, Path current) throws IOException {
        for (Path side : List.of(baseline, current)) {
            if (!Files.isDirectory(side)) {
                throw new InvalidInputException(side + ": not a folder; compare two folders or two files");
            }
        }
        Map<String, Path> baselines = BenchmarkFolder.complete(baseline, "baseline");
        Map<String, Path> currents = BenchmarkFolder.complete(current, "current run");
        if (baselines.isEmpty()) {
            throw new InvalidInputException(baseline + ": no benchmark files (<benchmark>.json) in this folder");
        }
        List<String> notes = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> entry : baselines.entrySet()) {
            Path other = currents.get(entry.getKey());
            if (other == null && !analysis.measuredOnly()) {
                missing.add(entry.getKey());
            } else if (other == null) {
                continue;
            } else {
                pairs.add(load(entry.getKey(), entry.getValue(), other));
            }
        }
        currents.keySet().stream().filter(b -> !baselines.containsKey(b))
                .forEach(b -> notes.add(b + " is in " + current + " only: not compared"));
        if (!missing.isEmpty()) {
            notes.add("missing from " + current + " (fails the check): " + String.join(", ", missing));
        }
        if (pairs.isEmpty()) {
            throw new InvalidInputException(current + ": none of the benchmarks of " + baseline + " ("
                    + String.join(", ", baselines.keySet()) + ") has a file here");
        }
        return suite(pairs, notes, missing);
    }

    /**
     * Compares the folder {@code current} with {@code baselines} already loaded (the history's, say):
     * each benchmark of {@code current} that has a baseline; the others are new, listed, not compared.
     *
     * @throws InvalidInputException naming the folder and the problem
     */
    public Outcome run(Baselines baselines, Path current) throws IOException {
        if (!Files.isDirectory(current)) {
            throw new InvalidInputException(current + ": not a folder; a baseline from " + baselines.where()
                    + " is compared with a folder of benchmark files");
        }
        Map<String, Path> currents = BenchmarkFolder.complete(current, "current run");
        List<String> notes = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        currents.forEach((benchmark, file) -> {
            if (baselines.has(benchmark)) {
                pairs.add(new Pair(benchmark, baselines.dataset(benchmark), load(file)));
            } else {
                notes.add(benchmark + ": no baseline in " + baselines.where() + " yet, so not compared");
            }
        });
        if (pairs.isEmpty()) {
            throw new InvalidInputException(current + ": none of its benchmarks (" + String.join(", ", currents.keySet())
                    + ") has a baseline in " + baselines.where());
        }
        return suite(pairs, notes, List.of());
    }

    /** One benchmark's two sides, loaded. */
    private record Pair(String benchmark, Dataset baseline, Dataset current) {
    }

    private Pair load(String benchmark, Path baselineFile, Path currentFile) {
        return new Pair(benchmark, load(baselineFile), load(currentFile));
    }

    private Dataset load(Path file) {
        Dataset data = loader.load(file);
        for (String warning : data.data().warnings()) {
            warnings.accept(file + ": " + warning);
        }
        return data;
    }

    /** Every benchmark: platforms checked, unit and direction settled, then the one suite comparison. */
    private Outcome suite(List<Pair> pairs, List<String> suiteNotes, List<String> missing) throws IOException {
        List<String> notes = new ArrayList<>(suiteNotes);
        List<BenchmarkPair> benchmarks = new ArrayList<>();
        for (Pair pair : pairs) {
            PlatformGuard.check(pair.baseline().platform(), pair.current().platform(), allowPlatformMismatch,
                    "measure a baseline on this platform").stream().filter(n -> !notes.contains(n)).forEach(notes::add);
            List<String> own = new ArrayList<>();
            benchmarks.add(new BenchmarkPair(pair.benchmark(), pair.baseline(), pair.current(),
                    direction(pair.baseline(), pair.current(), own), own));
        }
        return new Outcome(analysis.compare(benchmarks, notes, missing));
    }

    /**
     * Which way is better: the configured direction, else from the unit. Without a unit on either
     * side (a PerformanceData file whose sidecar was lost) the default, lower is better, is said in a
     * note: a throughput file compared that way would call every slowdown an improvement.
     */
    private Direction direction(Dataset baselineData, Dataset currentData, List<String> notes) {
        String b = baselineData.unit();
        String c = currentData.unit();
        if (b != null && c != null && !b.equals(c)) {
            throw new InvalidInputException("the baseline is in " + b + " (" + baselineData.source()
                    + ") but the current data in " + c + " (" + currentData.source() + "): compare like with like");
        }
        if (direction != null) {
            return direction;
        }
        if (b == null && c == null) {
            notes.add("no unit known (no sidecar " + Sidecar.pathFor(Path.of(baselineData.source())).getFileName()
                    + "): compared as lower-is-better; for throughput pass --direction higher");
        }
        return Direction.ofUnit(b != null ? b : c);
    }
}
