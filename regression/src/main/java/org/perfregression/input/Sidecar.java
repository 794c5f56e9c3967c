package org.perfregression.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InputFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.JsonProblem;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.AllocationScope;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.platform.Platform;

/**
 * What a PerformanceData file cannot say about itself: its unit and platform. Kept beside it as
 * {@code <name>.meta.json}, or for a folder of baselines once as {@code metadata.json}:
 * {@code {"unit": "ns/op", "platform": {"os": "linux", "arch": "amd64", "cpus": 2, "java_major": 17}}}.
 * Data measured fork by fork also has {@code "forks": {section: {subsection: [fork, ...]}}}, each fork
 * {@code {"samples": 20, "started_ms": ..., "pass": 1, "confirmation": false, "other_cpu_pct": 0.4,
 * "alloc_b_per_op": 48.0, "calibration_ns": [...]}} (see {@link MeasuredFork}): what the gate needs.
 *
 * @param unit the samples' unit, or null
 * @param platform where they were measured
 * @param forks which fork each sample came from, when, and the machine's speed then; null when not recorded
 */
public record Sidecar(String unit, Platform platform, ForkLayout forks) {

    public Sidecar(String unit, Platform platform) {
        this(unit, platform, null);
    }

    /** The folder-wide metadata file of a set of baselines. */
    public static final String FOLDER_METADATA = "metadata.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code constructor.json} has {@code constructor.meta.json}. */
    public static Path pathFor(Path dataFile) {
        String name = dataFile.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return dataFile.resolveSibling(stem + ".meta.json");
    }

    /** The sidecar of {@code dataFile}, else its folder's metadata, else nothing known. */
    public static Sidecar of(Path dataFile) {
        Path own = pathFor(dataFile);
        if (Files.isRegularFile(own)) {
            return read(own);
        }
        Path folder = dataFile.resolveSibling(FOLDER_METADATA);
        if (!dataFile.getFileName().toString().equals(FOLDER_METADATA) && Files.isRegularFile(folder)) {
            return read(folder);
        }
        return new Sidecar(null, Platform.UNKNOWN);
    }

    /** Reads a sidecar or a folder's {@code metadata.json}; other fields of the file are ignored. */
    public static Sidecar read(Path file) {
        InputFiles.requireReadable(file);
        try {
            return parse(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read metadata: " + JsonProblem.describe(e));
        }
    }

    /**
     * A sidecar from its JSON text ({@link #toJson}), as a store keeps it.
     *
     * @param where names the text in errors
     */
    public static Sidecar fromJson(String json, String where) {
        try {
            return parse(JSON.readTree(json), where);
        } catch (IOException e) {
            throw new InvalidInputException(where + ": cannot read metadata: " + JsonProblem.describe(e));
        }
    }

    private static Sidecar parse(JsonNode root, String where) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(where + ": metadata must be a JSON object");
        }
        JsonNode unit = root.get("unit");
        if (unit != null && !unit.isNull() && !unit.isTextual()) {
            throw new InvalidInputException(where + ": unit must be a string such as \"ns/op\"");
        }
        JsonNode platformNode = root.get("platform");
        Platform platform = Platform.UNKNOWN;
        if (platformNode != null && platformNode.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = JSON.convertValue(platformNode, Map.class);
            platform = Platform.fromMap(fields, where);
        }
        JsonNode forks = root.get("forks");
        return new Sidecar(unit == null || unit.isNull() ? null : unit.asText(), platform,
                forks == null || forks.isNull() ? null : readForks(forks, where));
    }

    private static ForkLayout readForks(JsonNode node, String file) {
        if (!node.isObject()) {
            throw new InvalidInputException(file + ": forks must be an object {section: {subsection: [fork, ...]}}");
        }
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = node.fields(); sections.hasNext();) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (!section.getValue().isObject()) {
                throw new InvalidInputException(file + ": forks." + section.getKey() + " must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> subs = section.getValue().fields(); subs.hasNext();) {
                Map.Entry<String, JsonNode> sub = subs.next();
                String at = file + ": forks." + section.getKey() + "." + sub.getKey();
                if (!sub.getValue().isArray()) {
                    throw new InvalidInputException(at + " must be an array of forks");
                }
                List<MeasuredFork> forks = new ArrayList<>();
                for (int i = 0; i < sub.getValue().size(); i++) {
                    forks.add(readFork(sub.getValue().get(i), at + "[" + i + "]"));
                }
                layout.put(new SubsectionKey(section.getKey(), sub.getKey()), forks);
            }
        }
        return new ForkLayout(layout);
    }

    private static MeasuredFork readFork(JsonNode fork, String at) {
        JsonNode samples = fork.get("samples");
        if (samples == null || !samples.canConvertToInt() || samples.asInt() <= 0) {
            throw new InvalidInputException(at + ".samples must be a positive integer");
        }
        JsonNode speedNode = fork.get("calibration_ns");
        double[] speeds = null;
        if (speedNode != null && !speedNode.isNull()) {
            if (!speedNode.isArray() || speedNode.size() != samples.asInt()) {
                throw new InvalidInputException(at + ".calibration_ns must be an array of " + samples.asInt() + " numbers");
            }
            speeds = new double[speedNode.size()];
            for (int i = 0; i < speeds.length; i++) {
                JsonNode v = speedNode.get(i);
                if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
                    throw new InvalidInputException(at + ".calibration_ns[" + i + "] must be a positive finite number");
                }
                speeds[i] = v.asDouble();
            }
        }
        JsonNode other = fork.get("other_cpu_pct");
        JsonNode alloc = fork.get("alloc_b_per_op");
        double allocated = Double.NaN;
        if (alloc != null && !alloc.isNull()) {
            if (!alloc.isNumber() || !(alloc.asDouble() >= 0) || Double.isInfinite(alloc.asDouble())) {
                throw new InvalidInputException(at + ".alloc_b_per_op must be a finite number >= 0 (bytes allocated per "
                        + "operation) or null");
            }
            allocated = alloc.asDouble();
        }
        return new MeasuredFork(samples.asInt(), fork.path("started_ms").asLong(0), fork.path("pass").asInt(0),
                fork.path("confirmation").asBoolean(false), speeds,
                other != null && other.isNumber() ? other.asDouble() : Double.NaN, allocated,
                Double.isNaN(allocated) ? null : allocScope(fork.get("alloc_scope"), at));
    }

    /** Files written before {@link AllocationScope} existed carry the whole JVM's figure and no field. */
    private static final String THREADS_SCOPE = "benchmark_threads";

    private static AllocationScope allocScope(JsonNode scope, String at) {
        if (scope == null || scope.isNull()) {
            return AllocationScope.WHOLE_JVM;
        }
        if (!scope.isTextual() || !scope.asText().equals(THREADS_SCOPE)) {
            throw new InvalidInputException(at + ".alloc_scope must be \"" + THREADS_SCOPE + "\" (bytes of the "
                    + "benchmark's threads only) or absent (the whole JVM's), got " + scope);
        }
        return AllocationScope.BENCHMARK_THREADS;
    }

    /** Writes the sidecar of {@code dataFile}, atomically. */
    public void writeFor(Path dataFile) throws IOException {
        write(pathFor(dataFile), Map.of(), AtomicFiles.WriteMode.REPLACE);
    }

    /**
     * Writes this sidecar to {@code file}, atomically, with {@code extra} fields after its own (the
     * baselines' {@code metadata.json} adds provenance).
     */
    public void write(Path file, Map<String, Object> extra, AtomicFiles.WriteMode mode) throws IOException {
        AtomicFiles.write(file, toJson(extra) + "\n", mode);
    }

    /** This sidecar as JSON text, with {@code extra} fields after its own. */
    public String toJson(Map<String, Object> extra) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("unit", unit);
        root.put("platform", platform.toMap());
        root.putAll(extra);
        if (forks != null) {
            Map<String, Map<String, List<Map<String, Object>>>> nested = new LinkedHashMap<>();
            forks.forks().forEach((key, list) -> nested.computeIfAbsent(key.section(), s -> new LinkedHashMap<>())
                    .put(key.subsection(), list.stream().map(Sidecar::forkToMap).toList()));
            root.put("forks", nested);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a sidecar of numbers and strings always serializes", e);
        }
    }

    private static Map<String, Object> forkToMap(MeasuredFork fork) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("samples", fork.samples());
        map.put("started_ms", fork.startedMillis());
        map.put("pass", fork.pass());
        map.put("confirmation", fork.confirmation());
        map.put("other_cpu_pct", Double.isFinite(fork.otherCpuPct()) ? fork.otherCpuPct() : null);
        map.put("alloc_b_per_op", fork.hasAllocation() ? fork.allocBytesPerOp() : null);
        if (fork.allocScope() == AllocationScope.BENCHMARK_THREADS) {
            map.put("alloc_scope", THREADS_SCOPE);
        }
        map.put("calibration_ns", fork.speeds());
        return map;
    }
}
