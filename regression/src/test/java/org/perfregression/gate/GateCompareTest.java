package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.cli.Main;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.input.Sidecar;
import org.perfregression.platform.Platform;
import org.perfregression.testing.Cli;
import org.perfregression.testing.Resources;

/** {@code compare --rule gate}: the gate on files, in every report format, beside the seed rule. */
class GateCompareTest {

    @TempDir
    Path dir;

    private static Cli run(String... args) {
        return Cli.run((out, err) -> Main.run(out, err, args));
    }

    /** Writes simulated forks as PerformanceData with a sidecar that records them. */
    private Path write(String name, Map<SubsectionKey, ForkedSamples> forks) throws IOException {
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        forks.forEach((key, f) -> {
            List<MeasuredFork> list = new ArrayList<>();
            for (int i = 0; i < f.forkCount(); i++) {
                list.add(new MeasuredFork(f.forks().get(i).length, 0, i + 1, false, f.speeds().get(i), Double.NaN));
            }
            layout.put(key, list);
            data.add(key.section(), key.subsection(), f.forks().stream().flatMapToDouble(java.util.Arrays::stream).toArray());
        });
        Path file = dir.resolve(name);
        data.build().toJsonFile(file);
        new Sidecar("ns/op", Platform.current(), new ForkLayout(layout)).writeFor(file);
        return file;
    }

    @Test
    void unchangedCodePassesAndEveryReportShowsBothRules() throws IOException {
        Simulation sim = new Simulation(11);
        Path baseline = write("b.json", sim.suite(40, 6, 0));
        Path current = write("c.json", sim.suite(40, 2, 0));
        Cli text = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--rule", "gate", "--lenient");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().contains("PASSED (gate): 40 compared: 0 regressions"), text.out());
        assertTrue(text.out().contains("seed rule: 40 compared"), text.out());
        assertTrue(text.out().contains("gate verdict") && text.out().contains("seed verdict"), text.out());
        Cli json = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--rule", "gate", "--lenient",
                "--format", "json");
        assertTrue(json.out().contains("\"rule\" : \"gate\"") && json.out().contains("\"seed_summary\"")
                && json.out().contains("\"mdc_pct\""), json.out());
    }

    @Test
    void aRealSlowdownFailsTheGateInEveryFormat() throws IOException {
        Simulation sim = new Simulation(12);
        Path baseline = write("b.json", sim.suite(40, 6, 0));
        Path current = write("c.json", sim.suite(40, 2, Math.log(1.4)));
        Path md = dir.resolve("r.md");
        Path xml = dir.resolve("r.xml");
        Path html = dir.resolve("r.html");
        Cli run = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--rule", "gate", "--lenient",
                "--format", "markdown=" + md, "--format", "junit=" + xml, "--format", "html=" + html);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("40 compared: 40 regressions"), run.out());
        String markdown = Files.readString(md);
        assertTrue(markdown.startsWith("<!-- perf-regression report, schema version 2 -->\n## Performance check: FAILED") && markdown.contains("| Gate verdict |")
                && markdown.contains("regression (suite-wide)") && markdown.contains("seed rule, for comparison:"),
                markdown);
        String junit = Files.readString(xml);
        assertTrue(junit.contains("failures=\"40\"") && junit.contains("; seed rule: "), junit);
        String page = Files.readString(html);
        assertTrue(page.contains("<th>gate verdict</th>") && page.contains("seed rule, for comparison"), page);
    }

    @Test
    void anAbsoluteFloorHoldsUnderTheGateToo() throws IOException {
        Simulation sim = new Simulation(12);
        Path baseline = write("fb.json", sim.suite(40, 6, 0));
        Path current = write("fc.json", sim.suite(40, 2, Math.log(1.4)));
        Cli floored = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--rule", "gate", "--lenient",
                "--min-delta", "1e9");
        assertEquals(0, floored.exitCode(), "a floor above every change leaves no verdict:\n" + floored);
        assertTrue(floored.out().contains("40 compared: 0 regressions"), floored.out());
    }

    @Test
    void withoutTheForkLayoutTheGateSaysWhatItNeeds() throws IOException {
        Path plain = dir.resolve("plain.json");
        PerformanceData.builder().add("s", "t", java.util.stream.IntStream.range(1, 101).asDoubleStream().toArray())
                .build().toJsonFile(plain);
        Cli run = run("compare", "-b", plain.toString(), "-c", plain.toString(), "--rule", "gate");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--rule gate needs to know which fork each sample came from"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        Cli seed = run("compare", "-b", plain.toString(), "-c", plain.toString(), "--format", "json");
        assertEquals(0, seed.exitCode(), seed.toString());
        assertFalse(seed.out().contains("\"gate\""), "the default stays the seed's rule alone:\n" + seed.out());
    }

    @Test
    void wholeForksMoreOrFewerAreNoStructuralDifferenceForTheGate() throws IOException {
        Simulation sim = new Simulation(13);
        Path baseline = write("b6.json", sim.suite(40, 6, 0));
        Path current = write("c2.json", sim.suite(40, 2, 0));
        Cli strict = run("compare", "-b", baseline.toString(), "-c", current.toString(), "--rule", "gate");
        assertEquals(0, strict.exitCode(), "6 forks against 2, without --lenient: " + strict);
        Cli seed = run("compare", "-b", baseline.toString(), "-c", current.toString());
        assertEquals(2, seed.exitCode(), "the seed rule stays strict about sample counts: " + seed);
        String error = seed.err().strip();
        assertTrue(error.contains("(40 differences): ") && error.contains("; and 35 more (--lenient"), error);
        assertTrue(error.length() < 800, "a long list shows its first few: " + error.length() + " characters");
    }

    @Test
    void aSubsectionWithoutFirstMeasurementForksIsAnInputErrorNotAVanishedSubsection() throws IOException {
        Simulation sim = new Simulation(14);
        Path baseline = write("bc.json", sim.suite(10, 6, 0));
        Path current = write("cc.json", sim.suite(10, 2, 0));
        Sidecar edited = Sidecar.of(baseline);
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>(edited.forks().forks());
        SubsectionKey victim = layout.keySet().iterator().next();
        layout.put(victim, layout.get(victim).stream().map(f -> new MeasuredFork(f.samples(), f.startedMillis(),
                f.pass(), true, f.speeds(), f.otherCpuPct())).toList());
        new Sidecar("ns/op", Platform.current(), new ForkLayout(layout)).writeFor(baseline);
        for (String[] sides : new String[][] {{baseline.toString(), current.toString()},
                {current.toString(), baseline.toString()}}) {
            Cli run = run("compare", "-b", sides[0], "-c", sides[1], "--rule", "gate", "--lenient");
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains(baseline + ": " + victim + " has no forks of its first measurement"), run.err());
        }
    }

    @Test
    void jmhResultFilesCarryTheirForks() {
        String file = Resources.path("jmh/avgt-params-gc.json").toString();
        Cli run = run("compare", "-b", file, "-c", file, "--rule", "gate", "--format", "json");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"baseline_forks\" : 2") && run.out().contains("\"drift_corrected\" : false"),
                run.out());
    }
}
