package org.perfregression.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perfregression.data.InvalidInputException;
import org.perfregression.harness.Suite;

/** The generic main job's suite, as the Maven plugin describes a module's benchmarks. */
class HarnessMainTest {

    @Test
    void suiteOptionsDescribeTheSuiteAndTheRestGoesToTheMainJob() {
        List<String> rest = new ArrayList<>();
        Suite suite = HarnessMain.suite(new String[] {"--suite-gt-dir", "src/perf/gt/m", "--suite-include", "MyBench",
            "--suite-exclude", "MyBench.slow",
            "--suite-forks", "4", "--suite-param", "size=10,100", "--suite-jvm-arg", "-Xss2m", "--regenerate-gt",
            "-wi", "3"}, rest);
        assertEquals(Path.of("src/perf/gt/m"), suite.defaultGtDir());
        assertEquals("MyBench", suite.defaultInclude());
        assertEquals("MyBench.slow", suite.defaultExclude());
        assertEquals(4, suite.forks());
        assertEquals(List.of("10", "100"), suite.params().get("size"));
        assertEquals(List.of("-Xss2m"), suite.forkJvmArgs());
        assertEquals(List.of("--regenerate-gt", "-wi", "3"), rest);
    }

    @Test
    void aSuiteWithoutItsGroundTruthOrWithABadNumberIsRefusedInOneLine() {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> HarnessMain.suite(new String[] {"--suite-forks", "2"}, new ArrayList<>()));
        assertTrue(missing.getMessage().contains("--suite-gt-dir is required"), missing.getMessage());
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> HarnessMain.suite(new String[] {"--suite-gt-dir", "x", "--suite-forks", "many"}, new ArrayList<>()));
        assertTrue(bad.getMessage().contains("--suite-forks many: not a whole number"), bad.getMessage());
    }
}
