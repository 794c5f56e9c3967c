package org.perfregression.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.check.Direction;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.input.Dataset;
import org.perfregression.input.DatasetLoader;
import org.perfregression.testing.Resources;

/** The real JMH 1.37 files of every mode (test resources jmh/, copied from the shared reference). */
class JmhResultReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** rawData of entry {@code index}, flattened fork by fork, read independently of the reader. */
    private static double[] raw(String file, int index) throws IOException {
        JsonNode forks = JSON.readTree(Resources.path(file).toFile()).get(index).get("primaryMetric").get("rawData");
        List<Double> values = new ArrayList<>();
        forks.forEach(fork -> fork.forEach(v -> values.add(v.asDouble())));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A plan made from the benchmark list (parameters in declaration order) names subsections as the results do. */
    @Test
    void subsectionsNameParametersByNameWhateverTheOrderTheyCameIn() {
        java.util.Map<String, String> declared = new java.util.LinkedHashMap<>();
        declared.put("rank", "2");
        declared.put("config", "A");
        java.util.Map<String, String> byName = new java.util.TreeMap<>(declared);
        assertEquals(JmhMapping.byBenchmark().key("B.m", "avgt", byName), JmhMapping.byBenchmark().key("B.m", "avgt", declared));
        assertEquals("config=A,rank=2", JmhMapping.byBenchmark().key("B.m", "avgt", declared).subsection());
    }

    @Test
    void classesOfOneSimpleNameGetQualifiedSectionsAndModesTheirOwnDataSets() {
        JmhMapping mapping = JmhMapping.byBenchmark().withQualifiedWhereNeeded(
                java.util.List.of("com.a.Work.run", "com.b.Work.run", "com.a.Other.run"));
        assertEquals("com.a.Work.run", mapping.key("com.a.Work.run", "avgt", java.util.Map.of()).section());
        assertEquals("com.b.Work.run", mapping.key("com.b.Work.run", "avgt", java.util.Map.of()).section());
        assertEquals("Other.run", mapping.key("com.a.Other.run", "avgt", java.util.Map.of()).section(),
                "no collision, the short name");
        assertEquals("run", BenchmarkName.dataset("com.a.Work.run", "avgt"));
        assertEquals("run-thrpt", BenchmarkName.dataset("com.a.Work.run", "thrpt"));
        assertEquals("run-sample", BenchmarkName.dataset("com.a.Work.run", "sample"));
    }

    @Test
    void averageTimeWithParamsMapsBenchmarkToSectionAndParamsToSubsection() throws IOException {
        List<JmhResult> results = JmhResultReader.read(Resources.path("jmh/avgt-params-gc.json"));
        assertEquals(6, results.size());
        PerformanceData data = JmhMapping.byBenchmark().toData(results);
        assertEquals(List.of("JMHSample_10_ConstantFold.baseline", "JMHSample_10_ConstantFold.measureRight",
                "JMHSample_10_ConstantFold.measureWrong_1", "JMHSample_10_ConstantFold.measureWrong_2",
                "JMHSample_27_Params.bench"), data.sections());
        assertEquals(List.of("default"), data.subsections("JMHSample_10_ConstantFold.baseline"));
        assertEquals(List.of("arg=1,certainty=4", "arg=31,certainty=4"), data.subsections("JMHSample_27_Params.bench"));
        assertArrayEquals(raw("jmh/avgt-params-gc.json", 0), data.samples("JMHSample_10_ConstantFold.baseline", "default").toArray());
        assertArrayEquals(raw("jmh/avgt-params-gc.json", 5), data.samples("JMHSample_27_Params.bench", "arg=31,certainty=4").toArray());
        assertEquals("ns/op", results.get(0).unit());
        assertEquals("17.0.15", results.get(0).run().get("jdkVersion"));
    }

    @Test
    void aParameterCanMakeTheSection() {
        List<JmhResult> params = JmhResultReader.read(Resources.path("jmh/avgt-params-gc.json")).stream()
                .filter(r -> r.benchmark().endsWith("bench")).toList();
        PerformanceData data = new JmhMapping("arg", "arg_{arg}", null, false).toData(params);
        assertEquals(List.of("arg_1", "arg_31"), data.sections());
        assertEquals(List.of("certainty=4"), data.subsections("arg_1"));
        PerformanceData bySub = new JmhMapping("arg", "arg_{arg}", "certainty", false).toData(params);
        assertEquals(List.of("4"), bySub.subsections("arg_31"));

        List<JmhResult> all = JmhResultReader.read(Resources.path("jmh/avgt-params-gc.json"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new JmhMapping("arg", null, null, false).toData(all));
        assertEquals("JMHSample_10_ConstantFold.baseline [avgt]: no parameter 'arg' (it has: none)", e.getMessage());
    }

    @Test
    void secondaryMetricsCanBeGated() {
        Dataset alloc = DatasetLoader.withDefaults().withMetric("gc.alloc.rate.norm")
                .load(Resources.path("jmh/avgt-params-gc.json"));
        assertEquals("B/op", alloc.unit());
        assertEquals(Direction.LOWER_IS_BETTER, alloc.direction());
        assertEquals(6, alloc.data().samples("JMHSample_27_Params.bench", "arg=1,certainty=4").size());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DatasetLoader.withDefaults().withMetric("nope").load(Resources.path("jmh/avgt-params-gc.json")));
        assertTrue(e.getMessage().contains("no samples of secondary metric 'nope'")
                && e.getMessage().contains("gc.alloc.rate.norm"), e.getMessage());
    }

    @Test
    void sampleModeExpandsTheHistogram() throws IOException {
        List<JmhResult> results = JmhResultReader.read(Resources.path("jmh/sample-mode.json"));
        JsonNode histogram = JSON.readTree(Resources.path("jmh/sample-mode.json").toFile()).get(0)
                .get("primaryMetric").get("rawDataHistogram");
        long expected = 0;
        for (JsonNode fork : histogram) {
            for (JsonNode iteration : fork) {
                for (JsonNode bin : iteration) {
                    expected += bin.get(1).asLong();
                }
            }
        }
        double[] samples = results.get(0).flatSamples();
        assertEquals(expected, samples.length);
        assertEquals(histogram.get(0).get(0).get(0).get(0).asDouble(), samples[0]);
    }

    @Test
    void singleShotDividesByTheBatchSize() throws IOException {
        List<JmhResult> results = JmhResultReader.read(Resources.path("jmh/single-shot.json"));
        double[] raw = raw("jmh/single-shot.json", 0);
        double[] samples = results.get(0).flatSamples();
        assertEquals(10, samples.length);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i] / 10000, samples[i]);
        }
    }

    @Test
    void throughputIsHigherIsBetter() {
        Dataset data = DatasetLoader.withDefaults().load(Resources.path("jmh/throughput.json"));
        assertEquals("ops/ms", data.unit());
        assertEquals(Direction.HIGHER_IS_BETTER, data.direction());
        assertEquals(Integer.valueOf(17), data.platform().javaMajor());
    }

    @Test
    void aFailedBenchmarkIsSimplyAbsentFromTheFile() {
        List<JmhResult> results = JmhResultReader.read(Resources.path("jmh/one-benchmark-failed.json"));
        assertEquals(List.of("FailingBench.ok"), results.stream().map(JmhResult::shortName).toList());
    }

    @Test
    void anAbortedRunIsAClearError() {
        Path aborted = Resources.path("jmh/aborted-run.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JmhResultReader.read(aborted));
        assertTrue(e.getMessage().startsWith(aborted + ": empty JMH result file: the run was aborted"), e.getMessage());
    }

    @Test
    void nonFiniteScoresAndMissingRawDataAreErrorsNamingTheBenchmark() throws IOException {
        ArrayNode root = (ArrayNode) JSON.readTree(Resources.path("jmh/throughput.json").toFile());
        ((ArrayNode) root.get(0).get("primaryMetric").get("rawData").get(0)).set(1, JSON.getNodeFactory().textNode("NaN"));
        Path nan = dir.resolve("nan.json");
        JSON.writeValue(nan.toFile(), root);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JmhResultReader.read(nan));
        assertTrue(e.getMessage().contains("org.openjdk.jmh.samples.JMHSample_10_ConstantFold.measureRight, thrpt")
                && e.getMessage().contains("fork 0 iteration 1: expected a finite number, found \"NaN\""), e.getMessage());

        ((ObjectNode) root.get(0).get("primaryMetric")).remove("rawData");
        Path noRaw = dir.resolve("noraw.json");
        JSON.writeValue(noRaw.toFile(), root);
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> JmhResultReader.read(noRaw));
        assertTrue(missing.getMessage().contains("-Djmh.json.rawData=false"), missing.getMessage());
    }

    @Test
    void mixedModesNeedTheModeInTheSectionOrAFilter() throws IOException {
        ArrayNode mixed = JSON.createArrayNode();
        mixed.add(JSON.readTree(Resources.path("jmh/throughput.json").toFile()).get(0));
        mixed.add(JSON.readTree(Resources.path("jmh/avgt-params-gc.json").toFile()).get(1));
        Path file = dir.resolve("mixed.json");
        JSON.writeValue(file.toFile(), mixed);
        InvalidInputException units = assertThrows(InvalidInputException.class, () -> DatasetLoader.withDefaults().load(file));
        assertTrue(units.getMessage().contains("different units (ops/ms, ns/op)"), units.getMessage());
        Dataset avgt = DatasetLoader.withDefaults().withMode("avgt").load(file);
        assertEquals("ns/op", avgt.unit());
        assertEquals(1, avgt.data().subsectionCount());

        List<JmhResult> results = JmhResultReader.read(file);
        InvalidInputException clash = assertThrows(InvalidInputException.class,
                () -> JmhMapping.byBenchmark().toData(results));
        assertTrue(clash.getMessage().contains("include the mode"), clash.getMessage());
        PerformanceData withMode = new JmhMapping(null, null, null, true).toData(results);
        assertEquals(List.of("JMHSample_10_ConstantFold.measureRight:thrpt", "JMHSample_10_ConstantFold.measureRight:avgt"),
                withMode.sections());
    }

    @Test
    void notAJmhFileIsTold() throws IOException {
        Path object = dir.resolve("data.json");
        Files.writeString(object, "{\"a\": {\"b\": [1]}}");
        assertEquals(false, JmhResultReader.looksLikeJmh(object));
        Files.writeString(object, "[]");
        assertThrows(InvalidInputException.class, () -> JmhResultReader.read(object));
    }
}
