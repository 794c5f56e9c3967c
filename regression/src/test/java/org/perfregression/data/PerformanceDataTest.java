package org.perfregression.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceDataTest {

    @TempDir
    Path dir;

    private static Map<String, Map<String, List<Double>>> seedExample() {
        Map<String, Map<String, List<Double>>> map = new LinkedHashMap<>();
        Map<String, List<Double>> section1 = new LinkedHashMap<>();
        section1.put("subsection2", List.of(200.0, 201.0, 199.0, 202.0, 198.0));
        section1.put("subsection1", List.of(100.0, 101.0, 99.0, 102.0, 98.5));
        map.put("section1", section1);
        map.put("section2", Map.of("subsection1", List.of(50.0, 51.0, 49.0, 52.0, 48.0)));
        return map;
    }

    @Test
    void keepsOrderAndAnswersTheSeedsQuestions() {
        PerformanceData data = PerformanceData.fromMap(seedExample());
        assertEquals(List.of("section1", "section2"), data.sections());
        assertEquals(List.of("subsection2", "subsection1"), data.subsections("section1"));
        assertEquals(100.0, data.median("section1", "subsection1"));
        assertEquals(1.0, data.mad("section1", "subsection1"));
        assertEquals(200.0, data.mean("section1", "subsection2"));
        assertEquals(Math.sqrt(2.0), data.std("section1", "subsection2"), 1e-15);
        assertEquals(98.5, data.samples("section1", "subsection1").get(4));
        assertEquals("PerformanceData(sections=2, subsections=3)", data.toString());
        assertThrows(IllegalArgumentException.class, () -> data.samples("section1", "nope"));
        assertThrows(IllegalArgumentException.class, () -> data.subsections("nope"));
    }

    @Test
    void roundTripsThroughMapsStringsAndFiles() throws IOException {
        PerformanceData data = PerformanceData.fromMap(seedExample());
        assertEquals(seedExample(), data.toMap());
        assertEquals(data, PerformanceData.fromMap(data.toMap()));
        assertEquals(data, PerformanceData.fromJsonString(data.toJsonString()));
        Path file = dir.resolve("nested/out.json");
        data.toJsonFile(file);
        assertEquals(data, PerformanceData.fromJsonFile(file));
        assertEquals(data.hashCode(), PerformanceData.fromJsonFile(file).hashCode());
        assertNotEquals(data, PerformanceData.fromJsonString("{\"section1\": {\"subsection1\": [1]}}"));
    }

    @Test
    void writesStableTwoSpaceJsonWithIntegersKeptIntegral() {
        PerformanceData data = PerformanceData.builder()
                .add("rank_2", "B", new double[] {18, 19, 18.5})
                .add("rank_2", "A", new double[] {1e-7, -0.0})
                .build();
        assertEquals("""
                {
                  "rank_2": {
                    "B": [18, 19, 18.5],
                    "A": [1.0E-7, -0.0]
                  }
                }
                """, data.toJsonString());
    }

    @Test
    void samplesAreImmutable() {
        double[] values = {1, 2, 3};
        PerformanceData data = PerformanceData.builder().add("s", "x", values).build();
        values[0] = 100;
        data.samples("s", "x").toArray()[1] = 100;
        assertEquals(List.of(1.0, 2.0, 3.0), data.toMap().get("s").get("x"));
        assertThrows(UnsupportedOperationException.class, () -> data.sections().add("t"));
    }

    @Test
    void warnsBelowOneHundredSamples() {
        PerformanceData data = PerformanceData.fromMap(seedExample());
        assertEquals(1, data.warnings().size(), "one line for every short subsection");
        assertTrue(data.warnings().get(0).startsWith("3 subsections have fewer than 100 samples"), data.warnings().get(0));
        PerformanceData enough = PerformanceData.builder().add("s", "x", new double[100]).build();
        assertEquals(List.of(), enough.warnings());
    }

    @Test
    void fromMapRejectsWhatJsonWouldReject() {
        Map<String, Map<String, List<Double>>> map = new LinkedHashMap<>();
        map.put("s", Map.of("x", List.of(1.0, Double.NaN)));
        assertEquals("s.x[1]: expected a finite number, found NaN",
                assertThrows(InvalidInputException.class, () -> PerformanceData.fromMap(map)).getMessage());
        map.put("s", Map.of("x", List.of()));
        assertEquals("s.x: no samples (an empty array)",
                assertThrows(InvalidInputException.class, () -> PerformanceData.fromMap(map)).getMessage());
        map.put("s", Map.of());
        assertEquals("s: no subsections (an empty object)",
                assertThrows(InvalidInputException.class, () -> PerformanceData.fromMap(map)).getMessage());
        assertEquals("no sections: the data is empty",
                assertThrows(InvalidInputException.class, () -> PerformanceData.fromMap(Map.of())).getMessage());
    }

    @Test
    void createNewRefusesToOverwrite() throws IOException {
        Path file = dir.resolve("gt.json");
        PerformanceData first = PerformanceData.fromJsonString("{\"s\": {\"x\": [1]}}");
        first.toJsonFile(file, AtomicFiles.WriteMode.CREATE_NEW);
        PerformanceData second = PerformanceData.fromJsonString("{\"s\": {\"x\": [2]}}");
        assertThrows(FileAlreadyExistsException.class, () -> second.toJsonFile(file, AtomicFiles.WriteMode.CREATE_NEW));
        assertEquals(first, PerformanceData.fromJsonFile(file));
        second.toJsonFile(file, AtomicFiles.WriteMode.REPLACE);
        assertEquals(second, PerformanceData.fromJsonFile(file));
    }

    @Test
    void failedWriteLeavesThePreviousFileIntactAndNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("gt.json");
        PerformanceData original = PerformanceData.fromJsonString("{\"s\": {\"x\": [1, 2, 3]}}");
        original.toJsonFile(file);
        String before = Files.readString(file);
        // A write that fails half-way (a full disk, a report that throws) must not touch the target.
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("{\"s\": {");
            throw new IOException("disk full");
        }, AtomicFiles.WriteMode.REPLACE));
        assertEquals(before, Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "temporary files are removed");
        }
    }
}
