package org.perfregression.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Maven builds of a sample JMH project that uses the plugin ({@code src/it/sample}), one after
 * the other as a user would run them: no baseline is a note with the command that makes one, and a
 * failure in CI; a module without benchmarks is skipped; benchmarks without JMH's list name the fix;
 * {@code regenerate} writes the baselines and refuses to replace them; {@code check} passes on
 * unchanged code, fails on a tenfold slowdown naming the subsections, and fails naming a benchmark
 * that throws; {@code -Dperf.skip} skips.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginIT {

    @TempDir
    static Path work;
    static Path project;

    record Build(int exitCode, String log) {
    }

    @BeforeAll
    static void copySample() throws IOException {
        Path samples = Path.of(System.getProperty("sample.dir", "src/it/sample")).getParent();
        project = copy(samples.resolve("sample"));
        copy(samples.resolve("no-benchmarks"));
        copy(samples.resolve("multi-module"));
    }

    private static Path copy(Path sample) throws IOException {
        return copy(sample, sample.getFileName().toString());
    }

    private static Path copy(Path sample, String name) throws IOException {
        Path copy = work.resolve(name);
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(sample.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(file).replace("@plugin.version@",
                            System.getProperty("plugin.version", "0.1.0-SNAPSHOT")));
                }
            }
        }
        return copy;
    }

    static Build mvn(String... args) throws IOException, InterruptedException {
        return mvnIn(project, java.util.Map.of(), args);
    }

    /**
     * A build of {@code dir} with {@code env} added to an environment without {@code CI}: the plugin's
     * defaults depend on it, and the CI that runs these tests sets it.
     */
    static Build mvnIn(Path dir, java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp"));
        String repo = System.getProperty("local.repo");
        if (repo != null) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        if (java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("-Dperf.budget="))) {
            // The fork counts the tests were written for; the budget has a test of its own, and at the
            // default one regeneration of the sample measures 40 forks instead of 10.
            command.add("-Dperf.budget=0");
        }
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "build", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("CI");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Path baselines() throws IOException {
        try (Stream<Path> dirs = Files.list(project.resolve("src/perf/gt/sample-bench"))) { // a folder per module
            return dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith(".")).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    @Order(1)
    void withoutABaselineADeveloperBuildPassesWithTheCommandThatMakesOneAndCiFails() throws Exception {
        Build laptop = mvn("verify");
        assertEquals(0, laptop.exitCode(), laptop.log());
        assertTrue(laptop.log().contains("no baseline for platform") && laptop.log().contains("perf-regression:regenerate")
                && laptop.log().contains("not gated here"), laptop.log());
        assertTrue(!laptop.log().contains("running the main job"), "nothing measured without a baseline");
        Build ci = mvnIn(project, java.util.Map.of("CI", "true"), "verify");
        assertNotEquals(0, ci.exitCode(), ci.log());
        assertTrue(ci.log().contains("no baseline for platform") && ci.log().contains("perf-regression:regenerate"),
                ci.log());
        Build strict = mvn("verify", "-Dperf.requireBaseline=true");
        assertNotEquals(0, strict.exitCode(), strict.log());
    }

    @Test
    @Order(1)
    void aModuleWithoutBenchmarksIsSkippedWithANote() throws Exception {
        Build build = mvnIn(work.resolve("no-benchmarks"), java.util.Map.of("CI", "true"), "verify");
        assertEquals(0, build.exitCode(), build.log());
        assertTrue(build.log().contains("perf-regression: no JMH benchmarks in this module"), build.log());
    }

    @Test
    @Order(2)
    void regenerateWritesTheBaselinesAndNeverReplacesThemWithoutForce() throws Exception {
        // A Maven build is no idle machine: the busy guard is the main job's, tested there.
        Build build = mvn("package", "perf-regression:regenerate", "-Dperf.allowBusy=true");
        assertEquals(0, build.exitCode(), build.log());
        assertTrue(build.log().contains("pass 1/10"), "the interleaved passes' progress is in the build log");
        Path dir = baselines();
        for (String method : List.of("mix", "divide")) { // a dataset per benchmark method
            assertTrue(Files.isRegularFile(dir.resolve(method + ".json")) && Files.isRegularFile(
                    dir.resolve(method + ".meta.json")), dir + " " + method);
            assertTrue(Files.readString(dir.resolve(method + ".meta.json")).contains("\"calibration_ns\""),
                    "the gate's fork layout with the calibration kernel beside every sample");
        }
        String metadata = Files.readString(dir.resolve("metadata.json"));
        assertTrue(metadata.contains("\"minimum_detectable_change\"") && metadata.contains("\"p10_ns\""), metadata);
        String before = Files.readString(dir.resolve("mix.json"));
        Build again = mvn("package", "perf-regression:regenerate");
        assertNotEquals(0, again.exitCode(), again.log());
        assertTrue(again.log().contains("-Dperf.force=true"), again.log());
        assertEquals(before, Files.readString(dir.resolve("mix.json")), "nothing replaced");
    }

    @Test
    @Order(3)
    void checkPassesOnUnchangedCode() throws Exception {
        // At the default budget: two combinations of about 1.2 s per fork buy 12 forks each (the cap)
        // within half of 60 s, and the rest of the budget goes where the first test is in doubt.
        Build build = mvn("verify", "-Dperf.budget=60");
        assertEquals(0, build.exitCode(), build.log());
        assertTrue(build.log().contains("2 benchmark combinations x 12 forks"), "planned forks within half the budget");
        assertTrue(build.log().contains("in doubt after the planned forks") || build.log().contains("no subsection in "
                + "doubt after the planned forks"), "the rest of the budget, where the first test is in doubt");
        for (String report : List.of("report.md", "report.xml", "report.html", "run/report.json", "run/mix.json")) {
            assertTrue(Files.isRegularFile(project.resolve("target/perf-regression").resolve(report)), report);
        }
        // Where CI's test-report steps look by default.
        assertTrue(Files.readString(project.resolve("target/surefire-reports/TEST-perf-regression.xml"))
                .contains("<testsuite"), "the JUnit report in surefire-reports");
        assertTrue(build.log().contains("machine check: the calibration kernel runs"), "the main job's machine check");
    }

    @Test
    @Order(4)
    void checkFailsOnARealSlowdownNamingTheSubsections() throws Exception {
        // allowBusy: a regression on a machine busier than for its baselines is not comparable (exit 3).
        Build build = mvn("verify", "-Dperf.jvmArgs=-Dsample.work=50000", "-Dperf.allowBusy=true");
        assertNotEquals(0, build.exitCode(), build.log());
        assertTrue(build.log().contains("performance regression: 2 subsections") && build.log().contains("SampleBench.mix")
                && build.log().contains("SampleBench.divide"), build.log());
    }

    @Test
    @Order(5)
    void aBenchmarkThatThrowsFailsTheBuildNamingIt() throws Exception {
        Build build = mvn("verify", "-Dperf.jvmArgs=-Dsample.fail=true");
        assertNotEquals(0, build.exitCode(), build.log());
        assertTrue(build.log().contains("benchmark divide failed") && build.log().contains("sample failure on purpose"),
                build.log());
    }

    @Test
    @Order(7)
    void benchmarksWithoutJmhsListNameTheAnnotationProcessorFix() throws Exception {
        // As on JDK 23 and later, where javac no longer runs the processor it finds on the class path.
        Build build = mvn("clean", "verify", "-Dmaven.compiler.proc=none");
        assertNotEquals(0, build.exitCode(), build.log());
        assertTrue(build.log().contains("org/example/SampleBench.class has @Benchmark methods, but the build wrote no "
                + "META-INF/BenchmarkList") && build.log().contains("annotationProcessorPaths"), build.log());
    }

    @Test
    @Order(8)
    void aMultiModuleBuildGatesEachModeInItsOwnUnitAndKeepsClassesOfOneSimpleNameApart() throws Exception {
        Path multi = work.resolve("multi-module");
        Build regenerate = mvnIn(multi, java.util.Map.of(), "-T2", "package", "perf-regression:regenerate",
                "-Dperf.allowBusy=true");
        assertEquals(0, regenerate.exitCode(), regenerate.log());
        assertTrue(regenerate.log().contains("perf-regression: no JMH benchmarks in this module"), "the module "
                + "without benchmarks is skipped: " + regenerate.log());
        Path dir;
        try (Stream<Path> dirs = Files.list(multi.resolve("perf-gt/multi-bench"))) { // the module's own folder
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // A data set per method and mode, each with its own unit.
        assertTrue(Files.readString(dir.resolve("run-thrpt.meta.json")).contains("\"ops/us\""), "throughput");
        assertTrue(Files.readString(dir.resolve("run.meta.json")).contains("\"us/op\""), "average time");
        // Two classes named Work: their sections by their fully qualified names.
        String step = Files.readString(dir.resolve("step.json"));
        assertTrue(step.contains("\"org.example.a.Work.step\"") && step.contains("\"org.example.b.Work.step\""), step);
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"org.example.b.Work.run\""), "qualified in "
                + "every data set, whatever its mode");
        Build verify = mvnIn(multi, java.util.Map.of("CI", "true"), "-T2", "verify");
        assertEquals(0, verify.exitCode(), verify.log());
        assertTrue(verify.log().contains("run-thrpt") && verify.log().contains("ops/us, higher is better"),
                "throughput is gated as throughput: " + verify.log());
    }

    @Test
    @Order(6)
    void skipSkips() throws Exception {
        Build build = mvn("verify", "-Dperf.skip", "-Dperf.jvmArgs=-Dsample.fail=true");
        assertEquals(0, build.exitCode(), build.log());
        assertTrue(build.log().contains("perf-regression: skipped (perf.skip)"), build.log());
    }
    @Test
    @Order(9)
    void checkAgainstTheHistoryRecordsTheFirstRunAndFailsASlowdownAfterIt() throws Exception {
        String db = work.resolve("history.db").toString();
        java.util.Map<String, String> commit = java.util.Map.of("GITHUB_SHA", "c0ffee");
        // clean: the build of order 7 left classes compiled without JMH's list.
        Build first = mvnIn(project, commit, "clean", "verify", "-Dperf.baselineSource=history", "-Dperf.history=" + db);
        assertEquals(0, first.exitCode(), first.log());
        assertTrue(first.log().contains("history: recorded run 1 of c0ffee")
                && first.log().contains("the next run on this machine is judged against this one"), first.log());
        Build slower = mvnIn(project, commit, "verify", "-Dperf.baselineSource=history", "-Dperf.history=" + db,
                "-Dperf.jvmArgs=-Dsample.work=50000", "-Dperf.allowBusy=true");
        assertNotEquals(0, slower.exitCode(), slower.log());
        assertTrue(slower.log().contains("baselines: the history") && slower.log().contains(
                "performance regression against the history"), slower.log());
        // Measured into the same folder as the first, it is a run of its own (it was once taken for the first).
        assertTrue(slower.log().contains("history: recorded run 2 of c0ffee"), slower.log());
        Build typo = mvn("verify", "-Dperf.baselineSource=yesterday");
        assertNotEquals(0, typo.exitCode(), typo.log());
        assertTrue(typo.log().contains("-Dperf.baselineSource=yesterday: expected gt or history"), typo.log());
    }
    @Test
    @Order(10)
    void policiesPerBenchmarkAcceptedRegressionsThresholdsAndExclusions() throws Exception {
        Path pom = project.resolve("pom.xml");
        String original = Files.readString(pom);
        try {
            for (String until : List.of(java.time.LocalDate.now().plusDays(1).toString(),
                    java.time.LocalDate.now().minusDays(1).toString())) {
                Files.writeString(pom, original.replace("<forks>3</forks>", "<forks>3</forks><acceptedRegressions>"
                        + "<acceptedRegression><pattern>SampleBench</pattern><reason>twice the work, on purpose</reason>"
                        + "<until>" + until + "</until></acceptedRegression></acceptedRegressions>"));
                Build build = mvn("verify", "-Dperf.jvmArgs=-Dsample.work=50000", "-Dperf.allowBusy=true");
                if (until.compareTo(java.time.LocalDate.now().toString()) > 0) {
                    assertEquals(0, build.exitCode(), build.log());
                    assertTrue(build.log().contains("accepted regression, failing nothing")
                            && build.log().contains("twice the work, on purpose"), build.log());
                } else {
                    assertNotEquals(0, build.exitCode(), build.log());
                    assertTrue(build.log().contains("expired on " + until) && build.log().contains(
                            "performance regression: 2 subsections"), build.log());
                }
            }
            // A benchmark's own minimum change: none of them slowed by more than a thousandfold.
            Files.writeString(pom, original.replace("<forks>3</forks>", "<forks>3</forks><thresholds><threshold>"
                    + "<pattern>.</pattern><minChange>100000</minChange></threshold></thresholds>"));
            Build lax = mvn("verify", "-Dperf.jvmArgs=-Dsample.work=50000");
            assertEquals(0, lax.exitCode(), lax.log());
        } finally {
            Files.writeString(pom, original);
        }
        // A benchmark left out (perf.exclude) is neither measured nor gated: the one that throws here.
        Build excluded = mvn("verify", "-Dperf.exclude=divide", "-Dperf.jvmArgs=-Dsample.fail=true");
        assertEquals(0, excluded.exitCode(), excluded.log());
        assertTrue(excluded.log().contains("Running 1 benchmark combinations") && !excluded.log().contains(
                "benchmark divide failed"), excluded.log());
    }
    @Test
    @Order(11)
    void theBuildsJdkToolchainRunsTheBenchmarks() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path toolchains = Files.writeString(work.resolve("toolchains.xml"), "<toolchains><toolchain><type>jdk</type>"
                + "<provides><version>" + Runtime.version().feature() + "</version></provides><configuration><jdkHome>"
                + javaHome + "</jdkHome></configuration></toolchain></toolchains>");
        Path pom = project.resolve("pom.xml");
        String original = Files.readString(pom);
        try {
            Files.writeString(pom, original.replace("<plugins>", "<plugins><plugin><groupId>org.apache.maven.plugins"
                    + "</groupId><artifactId>maven-toolchains-plugin</artifactId><version>3.2.0</version><executions>"
                    + "<execution><goals><goal>toolchain</goal></goals></execution></executions><configuration>"
                    + "<toolchains><jdk><version>" + Runtime.version().feature() + "</version></jdk></toolchains>"
                    + "</configuration></plugin>"));
            Build build = mvn("verify", "-t", toolchains.toString());
            assertEquals(0, build.exitCode(), build.log());
            assertTrue(build.log().contains("the benchmarks run on the JDK toolchain's " + javaHome.resolve("bin/java")),
                    build.log());
        } finally {
            Files.writeString(pom, original);
        }
    }

    @Test
    @Order(12)
    void thePullRequestGoalBuildsTheMergeBaseAndFailsOnlyASlowerCommit() throws Exception {
        Path repo = copy(Path.of(System.getProperty("sample.dir", "src/it/sample")), "pull-request");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        Path bench = repo.resolve("src/main/java/org/example/SampleBench.java");
        String code = Files.readString(bench);
        // A commit that makes one code path 15 % slower.
        Files.writeString(bench, code.replace("getProperty(\"sample.slow.pct\", \"0\")", "getProperty(\"sample.slow.pct\", \"15\")")
                .replace("getProperty(\"sample.slow.only\", \"\")", "getProperty(\"sample.slow.only\", \"mix\")"));
        git(repo, "commit", "-q", "-am", "mix does 15 % more steps");

        Build slower = mvnIn(repo, java.util.Map.of(), "perf-regression:ab", "-Dperf.baseline=HEAD~1", "-Dperf.budget=60");
        assertNotEquals(0, slower.exitCode(), slower.log());
        assertTrue(slower.log().contains("building the baseline") && slower.log().contains("(the merge base of HEAD~1 and HEAD)"),
                slower.log());
        String failure = slower.log().lines().filter(l -> l.contains("performance regression:")).findFirst().orElse("");
        assertTrue(failure.contains("SampleBench.mix") && !failure.contains("SampleBench.divide"), slower.log());
        Path comment = repo.resolve("target/perf-regression/ab/comment.md");
        assertTrue(Files.readString(comment).contains("SampleBench.mix"), "the pull request's comment names it");
        assertTrue(Files.readString(repo.resolve("target/surefire-reports/TEST-perf-regression.xml")).contains("<failure"),
                "JUnit where CI looks");
        assertEquals(1, git(repo, "worktree", "list").lines().count(), "the baseline's worktree is removed");

        Files.writeString(repo.resolve("NOTES.md"), "nothing that runs\n");
        git(repo, "add", "NOTES.md");
        git(repo, "commit", "-q", "-m", "an unchanged commit");
        Path summary = work.resolve("step-summary.md");
        Build unchanged = mvnIn(repo, java.util.Map.of("GITHUB_STEP_SUMMARY", summary.toString()), "perf-regression:ab",
                "-Dperf.baseline=HEAD~1", "-Dperf.budget=60");
        assertEquals(0, unchanged.exitCode(), unchanged.log());
        assertTrue(Files.isRegularFile(comment) && Files.readString(summary).contains("SampleBench"),
                "the comment, and the job summary under GitHub Actions");

        Build unknown = mvnIn(repo, java.util.Map.of(), "perf-regression:ab", "-Dperf.baseline=no-such-branch");
        assertNotEquals(0, unknown.exitCode(), unknown.log());
        assertTrue(unknown.log().contains("perf.baseline=no-such-branch: no such commit here"), unknown.log());
        Build neither = mvnIn(repo, java.util.Map.of(), "perf-regression:ab");
        assertNotEquals(0, neither.exitCode(), neither.log());
        assertTrue(neither.log().contains("-Dperf.baseline=<git ref>") && neither.log().contains("-Dperf.baselineJar"),
                neither.log());
    }

    /** {@code git args} in {@code repo}, as a user with a name; its output. */
    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=Perf Test",
                "-c", "user.email=perf@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "git " + String.join(" ", args) + ": " + output);
        return output;
    }
}
