package org.perfregression.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.cli.Main;
import org.perfregression.testing.Cli;
import org.perfregression.testing.Resources;

/**
 * The JSON report is a contract: every shape it takes (one benchmark or a suite, the seed rule or
 * the gate) validates against the JSON Schema shipped in the jar, and every other format names the
 * schema version it belongs to.
 */
class ReportSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            assertTrue(in != null, "the schema is in the jar at " + JsonReport.SCHEMA_RESOURCE);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static Cli run(String... args) {
        return Cli.run((out, err) -> Main.run(out, err, args));
    }

    private static JsonNode valid(String report) throws IOException {
        JsonNode node = JSON.readTree(report);
        Set<ValidationMessage> errors = schema.validate(node);
        assertEquals(Set.of(), errors, report.length() > 2000 ? report.substring(0, 2000) : report);
        assertEquals(JsonReport.SCHEMA_VERSION, node.get("schema_version").asInt(), "the version comes first");
        return node;
    }

    @Test
    void everyShapeOfTheJsonReportValidates() throws IOException {
        String jmh = Resources.path("jmh/avgt-params-gc.json").toString();
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"compare", "-b", jmh, "-c", jmh, "--format", "json"});
        commands.add(new String[] {"compare", "-b", jmh, "-c", jmh, "--format", "json", "--rule", "gate"});
        commands.add(new String[] {"compare", "-b", Resources.path("jmh/throughput.json").toString(), "-c",
            Resources.path("jmh/throughput.json").toString(), "--format", "json"});
        Path gt = Files.createDirectories(dir.resolve("gt"));
        Path results = Files.createDirectories(dir.resolve("results"));
        for (Path folder : List.of(gt, results)) {
            Files.copy(Resources.path("jmh/avgt-params-gc.json"), folder.resolve("first.json"));
            Files.copy(Resources.path("jmh/avgt-params-gc.json"), folder.resolve("second.json"));
        }
        commands.add(new String[] {"compare", "-b", gt.toString(), "-c", results.toString(), "--format", "json"});
        commands.add(new String[] {"compare", "-b", gt.toString(), "-c", results.toString(), "--format", "json",
            "--rule", "gate"});
        Files.delete(results.resolve("second.json"));
        commands.add(new String[] {"compare", "-b", gt.toString(), "-c", results.toString(), "--format", "json"});
        for (String[] command : commands) {
            Cli cli = run(command);
            assertTrue(cli.exitCode() == 0 || cli.exitCode() == 1, cli.toString());
            JsonNode report = valid(cli.out());
            JsonNode summary = report.get("summary");
            if (report.has("benchmarks")) {
                long total = 0;
                for (JsonNode benchmark : report.get("benchmarks")) {
                    total += benchmark.get("summary").get("total_tests").asLong();
                }
                assertEquals(total, summary.get("total_tests").asLong(), "the suite counts what its benchmarks count");
                assertEquals(summary.get("total_tests").asLong(), summary.get("regressions").asLong()
                        + summary.get("improvements").asLong() + summary.get("no_change").asLong());
            }
        }
    }

    @Test
    void theSchemaHasTeeth() throws IOException {
        String jmh = Resources.path("jmh/avgt-params-gc.json").toString();
        ObjectNode report = (ObjectNode) JSON.readTree(run("compare", "-b", jmh, "-c", jmh, "--format", "json").out());
        ObjectNode withoutSummary = report.deepCopy();
        withoutSummary.remove("summary");
        assertFalse(schema.validate(withoutSummary).isEmpty(), "a benchmark without its summary is refused");
        ObjectNode wrongVerdict = report.deepCopy();
        JsonNode section = wrongVerdict.get("results").elements().next();
        ((ObjectNode) section.elements().next()).put("verdict", "slower");
        assertFalse(schema.validate(wrongVerdict).isEmpty(), "an unknown verdict is refused");
    }

    @Test
    void everyOtherFormatNamesTheSchemaVersion() {
        String jmh = Resources.path("jmh/avgt-params-gc.json").toString();
        assertTrue(run("compare", "-b", jmh, "-c", jmh, "--format", "junit").out()
                .contains("<property name=\"perf-regression.schema_version\" value=\"" + JsonReport.SCHEMA_VERSION + "\"/>"));
        assertTrue(run("compare", "-b", jmh, "-c", jmh, "--format", "markdown").out()
                .startsWith("<!-- perf-regression report, schema version " + JsonReport.SCHEMA_VERSION + " -->\n"));
        assertTrue(run("compare", "-b", jmh, "-c", jmh, "--format", "html").out()
                .contains("<meta name=\"perf-regression-schema-version\" content=\"" + JsonReport.SCHEMA_VERSION + "\">"));
    }
}
