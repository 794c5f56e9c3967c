package org.perfregression.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.platform.Platform;

/**
 * What a PerformanceData file cannot say about itself: its unit and platform. Kept beside it as
 * {@code <name>.meta.json}, or for a folder of baselines once as {@code metadata.json}:
 * {@code {"unit": "ns/op", "platform": {"os": "linux", "arch": "amd64", "cpus": 2, "java_major": 17}}}.
 *
 * @param unit the samples' unit, or null
 * @param platform where they were measured
 */
public record Sidecar(String unit, Platform platform) {

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
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(file + ": metadata must be a JSON object");
            }
            JsonNode unit = root.get("unit");
            if (unit != null && !unit.isNull() && !unit.isTextual()) {
                throw new InvalidInputException(file + ": unit must be a string such as \"ns/op\"");
            }
            JsonNode platformNode = root.get("platform");
            Platform platform = Platform.UNKNOWN;
            if (platformNode != null && platformNode.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = JSON.convertValue(platformNode, Map.class);
                platform = Platform.fromMap(fields, file.toString());
            }
            return new Sidecar(unit == null || unit.isNull() ? null : unit.asText(), platform);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read metadata: " + e.getMessage());
        }
    }

    /** Writes the sidecar of {@code dataFile}, atomically. */
    public void writeFor(Path dataFile) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("unit", unit);
        root.put("platform", platform.toMap());
        AtomicFiles.write(pathFor(dataFile), JSON.writeValueAsString(root) + "\n", AtomicFiles.WriteMode.REPLACE);
    }
}
