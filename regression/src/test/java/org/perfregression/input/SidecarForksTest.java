package org.perfregression.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.AllocationScope;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.platform.Platform;

class SidecarForksTest {

    private static final SubsectionKey KEY = new SubsectionKey("rank_2", "cfg");
    private static final PerformanceData DATA = PerformanceData.builder()
            .add("rank_2", "cfg", new double[] {1, 2, 3, 10, 20, 30, 7}).build();
    private static final ForkLayout LAYOUT = new ForkLayout(Map.of(KEY, List.of(
            new MeasuredFork(3, 1_764_000_000_000L, 1, false, new double[] {5, 5, 5}, 0.5, 48),
            new MeasuredFork(3, 1_764_000_001_000L, 2, false, new double[] {10, 10, 10}, Double.NaN, 0),
            new MeasuredFork(1, 1_764_000_002_000L, 3, true, new double[] {7}, 1.0, 64))));

    @Test
    void theForkLayoutTravelsInTheSidecar(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("constructor.json");
        new Sidecar("ns/op", Platform.current(), LAYOUT).writeFor(data);
        Sidecar read = Sidecar.of(data);
        assertEquals("ns/op", read.unit());
        List<MeasuredFork> forks = read.forks().forks().get(KEY);
        assertEquals(3, forks.size());
        assertEquals(1_764_000_001_000L, forks.get(1).startedMillis());
        assertTrue(forks.get(2).confirmation());
        assertTrue(Double.isNaN(forks.get(1).otherCpuPct()));
        assertArrayEquals(new double[] {10, 10, 10}, forks.get(1).speeds());
        assertEquals(48, forks.get(0).allocBytesPerOp());
        assertArrayEquals(new double[] {48, 0, 64}, read.forks().allocations(AllocationScope.WHOLE_JVM).get(KEY), "the first measurement's forks, then the fresh ones");
    }

    @Test
    void forksWithoutAllocationHaveNoneToCompare(@TempDir Path dir) throws Exception {
        ForkLayout partly = new ForkLayout(Map.of(KEY, List.of(new MeasuredFork(3, 0, 1, false, null, Double.NaN, 48),
                new MeasuredFork(4, 0, 2, false, null, Double.NaN))));
        assertTrue(partly.allocations(AllocationScope.WHOLE_JVM).isEmpty(), "one fork did not measure it");
        ForkLayout freshWithout = new ForkLayout(Map.of(KEY, List.of(new MeasuredFork(3, 0, 1, false, null, Double.NaN, 48),
                new MeasuredFork(3, 0, 2, true, null, Double.NaN))));
        assertArrayEquals(new double[] {48}, freshWithout.allocations(AllocationScope.WHOLE_JVM).get(KEY), "a fresh fork without it adds nothing");
        Path file = dir.resolve("bad.meta.json");
        Files.writeString(file, "{\"forks\": {\"rank_2\": {\"cfg\": [{\"samples\": 2, \"alloc_b_per_op\": -1}]}}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sidecar.read(file));
        assertEquals(file + ": forks.rank_2.cfg[0].alloc_b_per_op must be a finite number >= 0 (bytes allocated per "
                + "operation) or null", e.getMessage());
    }

    @Test
    void theScopeOfAnAllocationFigureTravelsAndFiguresOfAnotherScopeAreNotMixedIn(@TempDir Path dir) throws Exception {
        ForkLayout threads = new ForkLayout(Map.of(KEY, List.of(
                new MeasuredFork(3, 0, 1, false, null, Double.NaN, 7.5, AllocationScope.BENCHMARK_THREADS),
                new MeasuredFork(3, 0, 2, false, null, Double.NaN, 7.0, AllocationScope.BENCHMARK_THREADS),
                new MeasuredFork(1, 0, 3, true, null, Double.NaN, 80, AllocationScope.WHOLE_JVM))));
        Path data = dir.resolve("walk.json");
        new Sidecar("ns/op", Platform.current(), threads).writeFor(data);
        assertTrue(Files.readString(Sidecar.pathFor(data)).contains("benchmark_threads"));
        ForkLayout read = Sidecar.of(data).forks();
        assertEquals(java.util.Set.of(AllocationScope.BENCHMARK_THREADS), read.allocationScopes());
        assertArrayEquals(new double[] {7.5, 7.0}, read.allocations(AllocationScope.BENCHMARK_THREADS).get(KEY),
                "the fresh fork counted otherwise is left out");
        assertTrue(read.allocations(AllocationScope.WHOLE_JVM).isEmpty());
        // Written before scopes existed: no field, the whole JVM's figure.
        assertEquals(java.util.Set.of(AllocationScope.WHOLE_JVM), LAYOUT.allocationScopes());
        Path file = dir.resolve("bad.meta.json");
        Files.writeString(file, "{\"forks\": {\"rank_2\": {\"cfg\": [{\"samples\": 2, \"alloc_b_per_op\": 3, "
                + "\"alloc_scope\": \"threads\"}]}}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sidecar.read(file));
        assertEquals(file + ": forks.rank_2.cfg[0].alloc_scope must be \"benchmark_threads\" (bytes of the benchmark's "
                + "threads only) or absent (the whole JVM's), got \"threads\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeasuredFork(1, 0, 1, false, null, Double.NaN, 3, null),
                "a figure without its scope");
    }

    @Test
    void splitsSamplesIntoForksAndConfirmationForks() {
        ForkedSamples first = LAYOUT.split(DATA, false, "d").get(KEY);
        assertEquals(2, first.forkCount());
        assertArrayEquals(new double[] {10, 20, 30}, first.forks().get(1));
        // drift-corrected level of fork 2: median(x / speed) = 2
        assertEquals(Math.log(2), first.levels(true)[1], 1e-12);
        assertEquals(Math.log(20), first.levels(false)[1], 1e-12);
        assertArrayEquals(new double[] {7}, LAYOUT.split(DATA, true, "d").get(KEY).forks().get(0));
        assertEquals(6, LAYOUT.firstMeasurement(DATA, "d").samples(KEY).size());
    }

    @Test
    void aLayoutThatDoesNotMatchTheDataIsAnErrorNamingTheSubsection() {
        PerformanceData shorter = PerformanceData.builder().add("rank_2", "cfg", new double[] {1, 2, 3}).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LAYOUT.split(shorter, false, "x.json"));
        assertEquals("x.json: rank_2.cfg has 3 samples but its fork layout describes 7", e.getMessage());
    }

    @Test
    void badForkFieldsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.meta.json");
        Files.writeString(file, "{\"unit\": \"ns/op\", \"forks\": {\"rank_2\": {\"cfg\": [{\"samples\": 2, "
                + "\"calibration_ns\": [1]}]}}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sidecar.read(file));
        assertEquals(file + ": forks.rank_2.cfg[0].calibration_ns must be an array of 2 numbers", e.getMessage());
        Files.writeString(file, "{\"forks\": {\"rank_2\": {\"cfg\": [{\"samples\": 0}]}}}");
        e = assertThrows(InvalidInputException.class, () -> Sidecar.read(file));
        assertEquals(file + ": forks.rank_2.cfg[0].samples must be a positive integer", e.getMessage());
    }
}
