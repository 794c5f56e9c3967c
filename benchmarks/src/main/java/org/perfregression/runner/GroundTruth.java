package org.perfregression.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.perfregression.check.CheckResult;
import org.perfregression.check.RegressionCheck;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.gate.ForkLayout;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.MachineSpeed;
import org.perfregression.platform.Platform;

/**
 * The ground-truth baselines: {@code <root>/<platform>/<benchmark>.json}, each with its sidecar
 * {@code <benchmark>.meta.json} (unit, platform, fork layout with calibration times), and
 * {@code metadata.json} beside them saying how and where they were measured, how fast the machine
 * was and what a comparison against them can detect. Writing is atomic per file and never replaces
 * a baseline unless forced.
 */
final class GroundTruth {

    static final String METADATA = Sidecar.FOLDER_METADATA;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    GroundTruth(Path root) {
        this.root = root;
    }

    Path dir(String platform) {
        return root.resolve(platform);
    }

    /** The platforms that have baselines. */
    List<String> platforms() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    boolean has(String platform) {
        return Files.isRegularFile(dir(platform).resolve(METADATA));
    }

    /**
     * Fails, before a long run, if {@code platform} has baselines that a regeneration would replace.
     *
     * @throws InvalidInputException naming them
     */
    void requireNoBaselines(String platform) {
        List<Path> existing = baselineFiles(dir(platform));
        if (!existing.isEmpty()) {
            throw refuseOverwrite(dir(platform), existing);
        }
    }

    private static List<Path> baselineFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> isBaseline(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list the baselines: " + e.getMessage());
        }
    }

    private static boolean isBaseline(String name) {
        return name.endsWith(".json") && !name.endsWith(".meta.json") && !name.equals(METADATA);
    }

    private static InvalidInputException refuseOverwrite(Path dir, List<Path> existing) {
        return new InvalidInputException("refusing to overwrite " + existing.size() + " existing baseline"
                + (existing.size() == 1 ? "" : "s") + " in " + dir + " (" + existing.get(0).getFileName()
                + (existing.size() > 1 ? ", ..." : "") + "); pass --force to replace them");
    }

    /**
     * Baselines of one platform, as stored.
     *
     * @param layouts per benchmark, which fork each sample came from and the calibration beside it
     *     (from {@code <benchmark>.meta.json}); absent for baselines made before the gate
     * @param speed how fast the machine that made them ran the calibration kernel; null if unknown
     */
    record Baselines(Path dir, Map<String, PerformanceData> byBenchmark, Map<String, ForkLayout> layouts,
            Platform platform, MachineSpeed speed) {
    }

    Baselines load(String platform) {
        Path dir = dir(platform);
        Platform measuredOn = Sidecar.read(dir.resolve(METADATA)).platform();
        Map<String, PerformanceData> baselines = new LinkedHashMap<>();
        Map<String, ForkLayout> layouts = new LinkedHashMap<>();
        for (Path file : baselineFiles(dir)) {
            String name = file.getFileName().toString();
            String benchmark = name.substring(0, name.length() - ".json".length());
            baselines.put(benchmark, PerformanceData.fromJsonFile(file));
            Path sidecar = Sidecar.pathFor(file);
            ForkLayout layout = Files.isRegularFile(sidecar) ? Sidecar.read(sidecar).forks() : null;
            if (layout != null) {
                layouts.put(benchmark, layout);
            }
        }
        return new Baselines(dir, baselines, layouts, measuredOn, readSpeed(dir.resolve(METADATA)));
    }

    private static MachineSpeed readSpeed(Path metadata) {
        try {
            Map<?, ?> root = JSON.readValue(metadata.toFile(), Map.class);
            return root.get("calibration") instanceof Map<?, ?> calibration ? MachineSpeed.fromMap(calibration) : null;
        } catch (IOException e) {
            throw new InvalidInputException(metadata + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Writes new baselines for {@code platform} and tells {@code out} how they differ from the old.
     *
     * @throws InvalidInputException if the platform has baselines and {@code force} is off; nothing is
     *     written then
     */
    void write(String platform, Map<String, PerformanceData> byBenchmark, Map<String, Sidecar> sidecars,
            Map<String, Object> metadata, boolean force, PrintStream out) throws IOException {
        if (!force) {
            requireNoBaselines(platform);
        }
        Path dir = dir(platform);
        AtomicFiles.WriteMode mode = force ? AtomicFiles.WriteMode.REPLACE : AtomicFiles.WriteMode.CREATE_NEW;
        for (Map.Entry<String, PerformanceData> entry : byBenchmark.entrySet()) {
            Path file = dir.resolve(entry.getKey() + ".json");
            PerformanceData previous = Files.exists(file) ? PerformanceData.fromJsonFile(file) : null;
            entry.getValue().toJsonFile(file, mode);
            sidecars.get(entry.getKey()).writeFor(file);
            out.println("wrote " + file + " (" + entry.getValue().subsectionCount() + " subsections)"
                    + describeChange(previous, entry.getValue()));
        }
        AtomicFiles.write(dir.resolve(METADATA), JSON.writeValueAsString(metadata) + "\n", mode);
        out.println("wrote " + dir.resolve(METADATA));
    }

    /** How the new baseline differs from the previous one, with the regression rule itself. */
    private static String describeChange(PerformanceData previous, PerformanceData next) {
        if (previous == null) {
            return ": new";
        }
        CheckResult change = RegressionCheck.withDefaults().withLenient(true).compare(previous, next);
        StringBuilder text = new StringBuilder(": against the previous baseline ").append(change.summary().oneLine());
        change.summary().regressionMessages().forEach(m -> text.append("\n    slower: ").append(m));
        change.summary().improvementMessages().forEach(m -> text.append("\n    faster: ").append(m));
        change.missingInCurrent().forEach(k -> text.append("\n    removed: ").append(k));
        change.newInCurrent().forEach(k -> text.append("\n    added: ").append(k));
        return text.toString();
    }
}
