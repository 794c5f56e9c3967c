package org.perfregression.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.perfregression.check.Direction;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.input.Dataset;
import org.perfregression.input.DatasetLoader;
import org.perfregression.platform.MachineSpeed;
import org.perfregression.stats.SampleStatistics;

/**
 * A run as the history records it, read from a folder of PerformanceData with sidecars (a main job's
 * results folder, a ground-truth platform folder, the plugin's run folder): per subsection each fork
 * of the first measurement, its drift-corrected and raw level, its calibration and its allocation;
 * and each benchmark's samples and sidecar whole, for runs judged against this one later.
 */
public final class RunRecorder {

    private RunRecorder() {
    }

    /**
     * @param machine the machine's id, or null for the platform id the sidecars name
     */
    public static RecordedRun read(Path folder, String commit, String branch, Instant time, String machine) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder + ": not a folder (history record takes a results folder or a "
                    + "folder of PerformanceData files with their sidecars)");
        }
        Map<String, Path> benchmarks = BenchmarkFolder.complete(folder, "results folder");
        if (benchmarks.isEmpty()) {
            throw new InvalidInputException(folder + ": no benchmark data (<benchmark>.json with its .meta.json)");
        }
        Map<String, Dataset> datasets = new java.util.LinkedHashMap<>();
        benchmarks.forEach((benchmark, file) -> datasets.put(benchmark, DatasetLoader.withDefaults().load(file)));
        return of(datasets, sourceOf(folder), commit, branch, time, machine);
    }

    /**
     * How a run read from {@code folder} names its source: the folder's absolute path and, where its
     * forks' start times are known, when its first fork started. The path alone is not a run: the
     * Maven plugin measures every run of a module into the same folder, and with the path alone
     * its second run was taken for the first and never recorded.
     */
    public static String sourceOf(Path folder) {
        return source(folder.toAbsolutePath().normalize().toString(), firstForkStart(folder));
    }

    private static String source(String path, long firstForkStart) {
        return firstForkStart > 0 ? path + "@" + Instant.ofEpochMilli(firstForkStart) : path;
    }

    /**
     * Which stored runs are the run measured in {@code folder}: recorded under its
     * {@link #sourceOf source}, or, as runs were before sources named their start, under its bare
     * path at or after the folder's first fork started. The folder is read once.
     */
    public static java.util.function.Predicate<HistoryStore.StoredRun> runOf(Path folder) {
        String path = folder.toAbsolutePath().normalize().toString();
        long first = firstForkStart(folder);
        String source = source(path, first);
        return stored -> source.equals(stored.source()) || first > 0 && path.equals(stored.source())
                && !stored.time().isBefore(Instant.ofEpochMilli(first));
    }

    /** The earliest start of a fork the folder's sidecars name, epoch milliseconds; 0 when none is known. */
    private static long firstForkStart(Path folder) {
        if (!java.nio.file.Files.isDirectory(folder)) {
            return 0;
        }
        return BenchmarkFolder.complete(folder, "results folder").values().stream()
                .map(file -> org.perfregression.input.Sidecar.of(file).forks()).filter(java.util.Objects::nonNull)
                .flatMap(layout -> layout.forks().values().stream()).flatMap(List::stream)
                .mapToLong(org.perfregression.gate.MeasuredFork::startedMillis).filter(t -> t > 0).min().orElse(0);
    }

    /**
     * A run of {@code datasets}, each measured fork by fork (its sidecar's layout).
     *
     * @param source where they came from, for messages and the store
     * @param machine the machine's id, or null for the platform id the datasets name
     */
    public static RecordedRun of(Map<String, Dataset> datasets, String source, String commit, String branch, Instant time,
            String machine) {
        List<RecordedSubsection> subsections = new ArrayList<>();
        List<double[]> speeds = new ArrayList<>();
        String platform = null;
        for (Map.Entry<String, Dataset> entry : datasets.entrySet()) {
            Dataset dataset = entry.getValue();
            if (dataset.forks() == null) {
                throw new InvalidInputException(dataset.source() + ": its sidecar has no \"forks\"; the history records "
                        + "runs fork by fork (the main job, ab and the plugin write them)");
            }
            if (platform == null && dataset.platform() != null) {
                platform = dataset.platform().id();
            }
            speeds.add(dataset.forks().speeds());
            subsections.addAll(subsections(entry.getKey(), dataset));
        }
        String id = machine != null ? machine : platform;
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(source + ": the sidecars do not name the platform; give --machine");
        }
        double[] all = speeds.stream().flatMapToDouble(Arrays::stream).toArray();
        return new RecordedRun(commit, branch, time, id, all.length == 0 ? Double.NaN : MachineSpeed.of(all).p10Ns(),
                source, subsections, datasets);
    }

    /**
     * Reads the run in {@code folder} and records it in the store {@code db}, in one transaction,
     * unless a run was recorded from that folder already.
     *
     * @param commit the commit measured, or null for the one {@link Revision#detect} finds
     * @return a line that says what was recorded
     */
    public static String record(String db, Path folder, String commit, String branch, Instant time, String machine) {
        Revision revision = revision(commit, branch);
        try (HistoryStore store = HistoryStore.open(db)) {
            // A folder analysed again is the same run: recorded twice, it would weigh twice.
            HistoryStore.StoredRun earlier = store.runs().stream().filter(runOf(folder))
                    .findFirst().orElse(null);
            if (earlier != null) {
                return "history: " + folder + " is run " + earlier.id() + " of " + store.name() + " already; not "
                        + "recorded again";
            }
        }
        return record(db, read(folder, revision.commit(), branch != null ? branch : revision.branch(),
                time != null ? time : Instant.now(), machine));
    }

    /** Records {@code run} in the store {@code db}, in one transaction; says what was recorded. */
    public static String record(String db, RecordedRun run) {
        try (HistoryStore store = HistoryStore.open(db)) {
            long id = store.record(run);
            return "history: recorded run " + id + " of " + run.commit() + " on " + run.machine() + " ("
                    + run.subsections().size() + " subsections) in " + store.name();
        }
    }

    /**
     * The commit and branch to record: as given, or as {@link Revision#detect} finds them in the
     * working folder; a front end calls this before it measures, so that a run is never measured
     * for minutes and then left unrecorded.
     *
     * @throws InvalidInputException when no commit is given and none can be found
     */
    public static Revision revision(String commit, String branch) {
        Revision found = commit != null ? new Revision(commit, branch) : Revision.detect(Path.of(""));
        if (found.commit() == null) {
            throw new InvalidInputException("the commit to record is unknown (not a git checkout, no GITHUB_SHA): "
                    + "give it with --commit");
        }
        return new Revision(found.commit(), branch != null ? branch : found.branch());
    }

    private static List<RecordedSubsection> subsections(String benchmark, Dataset dataset) {
        Direction direction = dataset.direction();
        Map<SubsectionKey, ForkedSamples> forks = dataset.forks().split(dataset.data(), false, dataset.source(), direction);
        PerformanceData first = dataset.forks().firstMeasurement(dataset.data(), dataset.source());
        List<RecordedSubsection> recorded = new ArrayList<>();
        forks.forEach((key, forked) -> {
            double[] levels = forked.levels(true);
            double[] raw = forked.levels(false);
            List<MeasuredFork> measured = dataset.forks().forks().get(key).stream().filter(f -> !f.confirmation()).toList();
            List<RecordedSubsection.Fork> list = new ArrayList<>();
            for (int f = 0; f < levels.length; f++) {
                MeasuredFork m = measured.get(f);
                double calibration = m.speeds() == null ? Double.NaN : Math.log(ForkedSamples.trimmedMean(m.speeds()));
                list.add(new RecordedSubsection.Fork(levels[f], raw[f], calibration, m.allocBytesPerOp()));
            }
            double[] samples = first.samples(key).toArray();
            recorded.add(new RecordedSubsection(benchmark, key, dataset.unit(), samples.length,
                    SampleStatistics.median(samples), list));
        });
        return recorded;
    }
}
