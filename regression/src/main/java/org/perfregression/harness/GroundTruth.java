package org.perfregression.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.perfregression.check.CheckResult;
import org.perfregression.check.RegressionCheck;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.AtomicFolder;
import org.perfregression.data.FileNames;
import org.perfregression.data.InputFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.JsonProblem;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.Baselines;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.input.Dataset;
import org.perfregression.platform.PlatformMismatchException;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.MachineSpeed;
import org.perfregression.platform.Platform;

/**
 * The ground-truth baselines: {@code <root>/<platform>/<benchmark>.json}, each with its sidecar
 * {@code <benchmark>.meta.json} (unit, platform, fork layout with calibration times), and
 * {@code metadata.json} beside them saying how and where they were measured, how fast the machine
 * was and what a comparison against them can detect.
 *
 * <p>A platform's baselines are one set, replaced as a whole: a new set is written to
 * {@code .<platform>.new}, then swapped in by two renames ({@code <platform>} to
 * {@code .<platform>.old}, the new one to {@code <platform>}). A writer holds
 * {@code .<platform>.lock}, so of two concurrent regenerations one fails at once. A process killed
 * between the two renames leaves {@code .<platform>.old} alone: readers take it as the baselines
 * and the next writer moves it back, so a reader never sees a mix of two sets.
 */
public final class GroundTruth {

    public static final String METADATA = Sidecar.FOLDER_METADATA;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Called after each file a regeneration stages; a test stops the writer there. */
    public interface StagingHook {
        void staged(Path file) throws IOException;
    }

    private final Path root;
    private final StagingHook hook;
    private final RegressionCheck rule;

    public GroundTruth(Path root) {
        this(root, file -> { }, RegressionCheck.withDefaults());
    }

    public GroundTruth(Path root, StagingHook hook) {
        this(root, hook, RegressionCheck.withDefaults());
    }

    private GroundTruth(Path root, StagingHook hook, RegressionCheck rule) {
        this.root = FileNames.requireFolder(root, "--gt-dir");
        this.hook = hook;
        this.rule = rule;
    }

    /** This ground truth, telling what a regeneration changed with the user's rule (its thresholds and floor). */
    public GroundTruth describingWith(RegressionCheck check) {
        return new GroundTruth(root, hook, check);
    }

    /** The folder of {@code platform}'s baselines; the name must be a plain file name (no traversal). */
    public Path dir(String platform) {
        return root.resolve(FileNames.requirePlain(platform, "platform"));
    }

    /** Where the baselines are read from: the platform's folder, or the old set a killed swap left. */
    private Path readable(String platform) {
        return folder(platform).readable();
    }

    /** The platforms that have baselines. */
    public List<String> platforms() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public boolean has(String platform) {
        return Files.isRegularFile(readable(platform).resolve(METADATA));
    }

    /**
     * Fails, before a long run, if {@code platform} has baselines that a regeneration would replace.
     *
     * @throws InvalidInputException naming them
     */
    public void requireNoBaselines(String platform) {
        List<Path> existing = List.copyOf(BenchmarkFolder.benchmarks(readable(platform)).values());
        if (!existing.isEmpty()) {
            throw refuseOverwrite(dir(platform), existing);
        }
    }

    private static InvalidInputException refuseOverwrite(Path dir, List<Path> existing) {
        return new InvalidInputException("refusing to overwrite " + existing.size() + " existing baseline"
                + (existing.size() == 1 ? "" : "s") + " in " + dir + " (" + existing.get(0).getFileName()
                + (existing.size() > 1 ? ", ..." : "") + "); pass --force to replace them");
    }

    /** The baselines of {@code platform}, as stored. */
    public Baselines load(String platform) {
        Path dir = readable(platform);
        Path metadata = dir.resolve(METADATA);
        Platform measuredOn = Sidecar.read(metadata).platform();
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : BenchmarkFolder.benchmarks(dir).entrySet()) {
            Path file = entry.getValue();
            Sidecar sidecar = Sidecar.of(file);
            datasets.put(entry.getKey(), new Dataset(PerformanceData.fromJsonFile(file), sidecar.unit(), measuredOn,
                    file.toString(), sidecar.forks()));
        }
        Map<?, ?> provenance = readMetadata(metadata);
        return new Baselines(dir.toString(), datasets,
                provenance.get("jmh") instanceof Map<?, ?> jmh && jmh.get("mode") instanceof String mode ? mode : null,
                measuredOn, provenance.get("calibration") instanceof Map<?, ?> calibration
                        ? MachineSpeed.fromMap(calibration) : null, BenchmarkFolder.dataFiles(dir),
                "add it with --regenerate-gt --force");
    }

    private static Map<?, ?> readMetadata(Path metadata) {
        InputFiles.requireReadable(metadata);
        try {
            return JSON.readValue(metadata.toFile(), Map.class);
        } catch (IOException e) {
            throw new InvalidInputException(metadata + ": cannot read: " + JsonProblem.describe(e));
        }
    }

    /**
     * A new set of baselines for {@code platform}.
     *
     * @param byBenchmark the measured data per benchmark
     * @param sidecars each benchmark's sidecar (unit, platform, fork layout)
     * @param metadata provenance for {@code metadata.json}
     */
    public record NewSet(Map<String, PerformanceData> byBenchmark, Map<String, Sidecar> sidecars, Map<String, Object> metadata) {
    }

    /**
     * Writes new baselines for {@code platform} as one set and tells {@code out} how they differ from
     * the old. With {@code partial}, only the measured subsections are replaced: every other
     * subsection and benchmark of the existing set is kept, and {@code metadata.json} keeps its
     * provenance with the partial update recorded under {@code partial_updates}.
     *
     * @throws InvalidInputException if the platform has baselines and neither {@code force} nor
     *     {@code partial} is on, if another regeneration holds the lock, or if a partial update's
     *     unit differs from the existing baselines'; nothing is changed then
     */
    public void write(String platform, NewSet set, boolean force, boolean partial, PrintStream out) throws IOException {
        folder(platform).replace((current, staging) -> {
            if (!force && !partial) {
                requireNoBaselines(platform);
            }
            stage(current, staging, set, partial, out);
        });
        out.println("replaced the baselines of " + platform + " as one set: " + dir(platform));
    }

    private AtomicFolder folder(String platform) {
        return new AtomicFolder(root, FileNames.requirePlain(platform, "platform"), hook::staged);
    }

    private void stage(Path dir, Path staging, NewSet set, boolean partial, PrintStream out) throws IOException {
        Map<String, PerformanceData> data = new LinkedHashMap<>();
        Map<String, Sidecar> sidecars = new LinkedHashMap<>();
        Map<String, Object> metadata = set.metadata();
        if (partial && Files.isRegularFile(dir.resolve(METADATA))) {
            BenchmarkFolder.benchmarks(dir).forEach((benchmark, file) -> {
                data.put(benchmark, PerformanceData.fromJsonFile(file));
                sidecars.put(benchmark, Sidecar.of(file));
            });
            metadata = withPartialUpdate(readMetadata(dir.resolve(METADATA)), set);
        }
        for (Map.Entry<String, PerformanceData> entry : set.byBenchmark().entrySet()) {
            String benchmark = entry.getKey();
            Path file = BenchmarkFolder.data(dir, benchmark);
            // A partial update has read the old baselines already; a full one reads each once here.
            PerformanceData previous = data.containsKey(benchmark) ? data.get(benchmark) : previous(file);
            PerformanceData next = entry.getValue();
            Sidecar sidecar = set.sidecars().get(benchmark);
            if (partial && data.containsKey(benchmark)) {
                Sidecar kept = sidecars.get(benchmark);
                if (kept.unit() != null && sidecar.unit() != null && !kept.unit().equals(sidecar.unit())) {
                    throw new InvalidInputException(file + ": measured in " + kept.unit() + ", this run in "
                            + sidecar.unit() + "; a partial update cannot mix units (regenerate the whole set)");
                }
                next = merged(data.get(benchmark), next);
                sidecar = new Sidecar(sidecar.unit(), sidecar.platform(), mergedLayout(kept.forks(), sidecar.forks()));
            }
            data.put(benchmark, next);
            sidecars.put(benchmark, sidecar);
            out.println("staged " + file.getFileName() + " (" + next.subsectionCount() + " subsections"
                    + (partial ? ", " + entry.getValue().subsectionCount() + " measured now" : "") + ")"
                    + describeChange(file, previous, next));
        }
        for (Map.Entry<String, PerformanceData> entry : data.entrySet()) {
            Path file = BenchmarkFolder.data(staging, entry.getKey());
            entry.getValue().toJsonFile(file, AtomicFiles.WriteMode.CREATE_NEW);
            hook.staged(file);
            sidecars.get(entry.getKey()).writeFor(file);
            hook.staged(Sidecar.pathFor(file));
        }
        AtomicFiles.write(staging.resolve(METADATA), JSON.writeValueAsString(metadata) + "\n",
                AtomicFiles.WriteMode.CREATE_NEW);
        hook.staged(staging.resolve(METADATA));
    }

    /** The existing baseline to describe the change against; a corrupt one is reported, not fatal to a forced rewrite. */
    private static PerformanceData previous(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return PerformanceData.fromJsonFile(file);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** The old data with every subsection of {@code measured} replaced or added. */
    public static PerformanceData merged(PerformanceData old, PerformanceData measured) {
        PerformanceData.Builder builder = PerformanceData.builder();
        old.forEach((key, samples) -> builder.add(key.section(), key.subsection(),
                (measured.has(key.section(), key.subsection()) ? measured.samples(key) : samples).toArray()));
        measured.forEach((key, samples) -> {
            if (!old.has(key.section(), key.subsection())) {
                builder.add(key.section(), key.subsection(), samples.toArray());
            }
        });
        return builder.build();
    }

    private static ForkLayout mergedLayout(ForkLayout old, ForkLayout measured) {
        if (old == null || measured == null) {
            return measured;
        }
        Map<SubsectionKey, List<MeasuredFork>> forks = new LinkedHashMap<>(old.forks());
        forks.putAll(measured.forks());
        return new ForkLayout(forks);
    }

    private static Map<String, Object> withPartialUpdate(Map<?, ?> existing, NewSet set) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        existing.forEach((k, v) -> metadata.put(String.valueOf(k), v));
        List<Object> updates = new ArrayList<>(metadata.get("partial_updates") instanceof List<?> list ? list : List.of());
        Map<String, Object> update = new LinkedHashMap<>();
        for (String field : new String[] {"created", "git_commit", "command"}) {
            update.put(field, set.metadata().get(field));
        }
        Map<String, Integer> subsections = new LinkedHashMap<>();
        set.byBenchmark().forEach((benchmark, data) -> subsections.put(benchmark, data.subsectionCount()));
        update.put("subsections", subsections);
        updates.add(update);
        metadata.put("partial_updates", updates);
        return metadata;
    }

    /** How the new baseline differs from the previous one, with the regression rule itself. */
    private String describeChange(Path file, PerformanceData previous, PerformanceData next) {
        if (previous == null) {
            return Files.exists(file) ? ": replaces an unreadable baseline" : ": new";
        }
        CheckResult change = rule.withLenient(true).compare(previous, next);
        StringBuilder text = new StringBuilder(": against the previous baseline ").append(change.summary().oneLine());
        change.summary().regressionMessages().forEach(m -> text.append("\n    slower: ").append(m));
        change.summary().improvementMessages().forEach(m -> text.append("\n    faster: ").append(m));
        change.missingInCurrent().forEach(k -> text.append("\n    removed: ").append(k));
        change.newInCurrent().forEach(k -> text.append("\n    added: ").append(k));
        return text.toString();
    }
}
