package org.perfregression.runner;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The seed's test_constructor and test_get_noc_addr_page_id: run the benchmark with the default
 * settings, compare with the ground truth of this platform, fail listing the regressions. Timing on
 * a shared machine does not belong in default CI, so these run only with {@code mvn -B verify -Pperf}.
 */
class AccessorPerfIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    private static void assertNoRegression(String benchmark) throws Exception {
        Jar run = Jar.run(ROOT, benchmark, "--results-dir", "results/perf-it-" + benchmark);
        Assumptions.assumeFalse(run.exitCode() == 3, () -> "no baseline for this platform: " + run.err().strip());
        if (run.exitCode() == 1) {
            String regressions = String.join("\n", run.out().lines().filter(l -> l.contains(" regression (")).toList());
            fail("Performance regressions detected in " + benchmark + ":\n" + regressions);
        }
        if (run.exitCode() != 0) {
            fail("benchmarks.jar " + benchmark + " failed:\n" + run);
        }
    }

    @Test
    void test_constructor() throws Exception {
        assertNoRegression("constructor");
    }

    @Test
    void test_get_noc_addr_page_id() throws Exception {
        assertNoRegression("get_noc_addr_page_id");
    }
}
