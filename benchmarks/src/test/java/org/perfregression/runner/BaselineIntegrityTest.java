package org.perfregression.runner;

import org.perfregression.harness.GroundTruth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perfregression.accessor.ArgsConfig;
import org.perfregression.accessor.SuiteShapes;
import org.perfregression.data.PerformanceData;

/** The seed's test_baseline_data_integrity: every committed baseline is complete and sane. */
class BaselineIntegrityTest {

    private static final Path GT = Path.of("..").resolve(BenchmarksMain.ACCESSOR.defaultGtDir());
    private static final List<String> ALL_CONFIGS = ArgsConfig.legalShardedL1().stream().map(ArgsConfig::name).toList();
    private static final Map<String, List<String>> CONFIGS_BY_BENCHMARK = Map.of(
            "constructor", ALL_CONFIGS,
            "get_noc_addr_page_id", ALL_CONFIGS,
            "get_noc_addr_page_coord", ALL_CONFIGS,
            "manual_pages_iteration", List.of("SHARDED_ACCESSOR_0000001"),
            "pages_iterator", List.of("SHARDED_ACCESSOR_0000001"));

    static Stream<Path> platforms() throws IOException {
        try (Stream<Path> dirs = Files.list(GT)) {
            List<Path> platforms = dirs.filter(Files::isDirectory).sorted().toList();
            assertFalse(platforms.isEmpty(), "no committed baselines under " + GT);
            return platforms.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void everyBaselineIsCompleteAndSane(Path platform) throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(platform)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertTrue(files.contains(GroundTruth.METADATA), platform + " has no " + GroundTruth.METADATA);
        for (Map.Entry<String, List<String>> benchmark : CONFIGS_BY_BENCHMARK.entrySet()) {
            Path file = platform.resolve(benchmark.getKey() + ".json");
            assertTrue(Files.exists(file), "missing " + file);
            PerformanceData data = PerformanceData.fromJsonFile(file);
            List<String> ranks = IntStream.rangeClosed(SuiteShapes.MIN_RANK, SuiteShapes.MAX_RANK)
                    .mapToObj(r -> "rank_" + r).toList();
            assertEquals(ranks, data.sections(), file + ": sections");
            for (String rank : ranks) {
                assertEquals(benchmark.getValue(), data.subsections(rank), file + ": " + rank);
                for (String config : benchmark.getValue()) {
                    var samples = data.samples(rank, config);
                    assertTrue(samples.size() >= PerformanceData.RECOMMENDED_MIN_SAMPLES,
                            file + ": " + rank + "." + config + " has " + samples.size() + " samples");
                    assertTrue(samples.stream().allMatch(v -> Double.isFinite(v) && v > 0),
                            file + ": " + rank + "." + config + " has a sample that is not finite and positive");
                }
            }
        }
        JsonNode metadata = new ObjectMapper().readTree(platform.resolve(GroundTruth.METADATA).toFile());
        for (String field : new String[] {"platform", "created", "jmh", "jvm", "os", "command"}) {
            assertTrue(metadata.hasNonNull(field), platform + "/metadata.json lacks " + field);
        }
        assertEquals(platform.getFileName().toString(), metadata.get("platform_name").asText());
    }
}
