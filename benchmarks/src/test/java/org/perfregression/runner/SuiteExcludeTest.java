package org.perfregression.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.perfregression.analysis.SuiteKey;
import org.perfregression.harness.BaselineCoverage;
import org.perfregression.harness.Suite;

/** A suite's exclude pattern (the plugin's {@code perf.exclude}): its benchmarks are neither measured nor expected. */
class SuiteExcludeTest {

    @Test
    void excludedBenchmarksAreOutOfTheSuiteAndOfWhatARegenerationMustCover() {
        Suite all = BenchmarksMain.ACCESSOR;
        Suite some = new Suite(all.command(), all.regenerate(), all.mapping(), all.defaultInclude(), all.mode(),
                all.defaultGtDir(), all.forks(), all.baselineForks(), all.measurementIterations(), all.forkJvmArgs(),
                all.params(), all.quickParams(), all.budgetSeconds(), all.maxForks(), "pages_iterator|manual_pages");
        List<SuiteKey> whole = BaselineCoverage.wholeSuite(all);
        List<SuiteKey> kept = BaselineCoverage.wholeSuite(some);
        Set<String> benchmarks = kept.stream().map(SuiteKey::benchmark).collect(Collectors.toSet());
        assertEquals(Set.of("constructor", "get_noc_addr_page_coord", "get_noc_addr_page_id"), benchmarks);
        assertEquals(whole.size() - 12, kept.size(), "the two page walks' 6 ranks each are left out");
        assertTrue(whole.containsAll(kept));
    }
}
