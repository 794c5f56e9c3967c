package org.perfregression.suite;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.perfregression.accessor.PageIterator;
import org.perfregression.accessor.SuiteShapes;
import org.perfregression.accessor.TensorAccessor;

/**
 * The accessor suite. {@code constructor}, {@code get_noc_addr_page_id} and
 * {@code get_noc_addr_page_coord} measure one call at every rank in every legal configuration;
 * {@code manual_pages_iteration} and {@code pages_iterator} walk every page of the tensor, in the
 * fully static configuration only, as on the device. Every result is returned, so JMH consumes it
 * and nothing is dead code.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = SuiteSettings.WARMUP_ITERATIONS, time = SuiteSettings.WARMUP_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = SuiteSettings.MEASUREMENT_ITERATIONS, time = SuiteSettings.MEASUREMENT_MILLIS,
        timeUnit = TimeUnit.MILLISECONDS)
// The main job passes these itself too: JMH drops an annotation's jvmArgsAppend when -jvmArgsAppend is given.
@Fork(value = SuiteSettings.FORKS,
        jvmArgsAppend = {SuiteSettings.GC, SuiteSettings.MIN_HEAP, SuiteSettings.MAX_HEAP, SuiteSettings.TENURING})
public class AccessorBenchmarks {

    // Every how many calls each benchmark's operation runs twice (see Slowdown): constants the JIT folds.
    private static final int CONSTRUCTOR_SLOWDOWN = Slowdown.everyFor("constructor");
    private static final int PAGE_ID_SLOWDOWN = Slowdown.everyFor("get_noc_addr_page_id");
    private static final int PAGE_COORD_SLOWDOWN = Slowdown.everyFor("get_noc_addr_page_coord");
    private static final int MANUAL_SLOWDOWN = Slowdown.everyFor("manual_pages_iteration");
    private static final int ITERATOR_SLOWDOWN = Slowdown.everyFor("pages_iterator");
    // The extra allocation's array length per benchmark (see Slowdown): -1, folded away, without the property.
    private static final int CONSTRUCTOR_EXTRA = Slowdown.extraArrayLength("constructor");
    private static final int PAGE_ID_EXTRA = Slowdown.extraArrayLength("get_noc_addr_page_id");
    private static final int PAGE_COORD_EXTRA = Slowdown.extraArrayLength("get_noc_addr_page_coord");
    private static final int MANUAL_EXTRA = Slowdown.extraArrayLength("manual_pages_iteration");
    private static final int ITERATOR_EXTRA = Slowdown.extraArrayLength("pages_iterator");

    /** The parameters; the configuration list is checked against ArgsConfig.legalShardedL1() by a test. */
    @State(Scope.Thread)
    public static class Params extends Slowdown.Countdown {

        @Param({"2", "3", "4", "5", "6", "7"})
        public int rank;

        @Param({"SHARDED_ACCESSOR_0000001", "SHARDED_ACCESSOR_0010001", "SHARDED_ACCESSOR_0100001",
            "SHARDED_ACCESSOR_0110001", "SHARDED_ACCESSOR_0110101", "SHARDED_ACCESSOR_1000001",
            "SHARDED_ACCESSOR_1001001", "SHARDED_ACCESSOR_1010001", "SHARDED_ACCESSOR_1011001",
            "SHARDED_ACCESSOR_1100001", "SHARDED_ACCESSOR_1101001", "SHARDED_ACCESSOR_1110001",
            "SHARDED_ACCESSOR_1110101", "SHARDED_ACCESSOR_1111001", "SHARDED_ACCESSOR_1111101"})
        public String config;

        int[] runtimeArgs;
        TensorAccessor accessor;
        int[] pageIds;
        int[][] pageCoords;
        int cursor;
        /** The same arguments in another array, for the slowdown's second construction (see {@link Slowdown}). */
        int[] runtimeArgsCopy;

        @Setup(Level.Trial)
        public void setUp() {
            Fixture fixture = Fixture.install(rank, config);
            runtimeArgs = fixture.runtimeArgs();
            runtimeArgsCopy = runtimeArgs.clone();
            accessor = fixture.accessor();
            pageIds = fixture.pageIds();
            pageCoords = fixture.pageCoords();
        }

        int nextPage() {
            return cursor++ & (Fixture.PAGES - 1);
        }
    }

    /** The page walks run in the fully static configuration only. */
    @State(Scope.Thread)
    public static class StaticParams extends Slowdown.Countdown {

        @Param({"2", "3", "4", "5", "6", "7"})
        public int rank;

        @Param({"SHARDED_ACCESSOR_0000001"})
        public String config;

        TensorAccessor accessor;

        @Setup(Level.Trial)
        public void setUp() {
            accessor = Fixture.install(rank, config).accessor();
        }
    }

    @Benchmark
    public long constructor(Params p) {
        long digest = construct(p.runtimeArgs);
        p.allocate(CONSTRUCTOR_EXTRA);
        return p.slowdown(CONSTRUCTOR_SLOWDOWN) ? digest + constructAgain(p) : digest;
    }

    private static long construct(int[] runtimeArgs) {
        return new TensorAccessor(Template.SPEC, runtimeArgs, SuiteShapes.PAGE_SIZE).digest(Template.SPEC);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long constructAgain(Params p) {
        return construct(p.runtimeArgsCopy);
    }

    @Benchmark
    public long get_noc_addr_page_id(Params p) {
        long addr = p.accessor.getNocAddr(Template.SPEC, p.pageIds[p.nextPage()]);
        p.allocate(PAGE_ID_EXTRA);
        return p.slowdown(PAGE_ID_SLOWDOWN) ? addr + pageIdAgain(p) : addr;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long pageIdAgain(Params p) {
        return p.accessor.getNocAddr(Template.SPEC, p.pageIds[p.nextPage()]);
    }

    @Benchmark
    public long get_noc_addr_page_coord(Params p) {
        long addr = p.accessor.getNocAddr(Template.SPEC, p.pageCoords[p.nextPage()]);
        p.allocate(PAGE_COORD_EXTRA);
        return p.slowdown(PAGE_COORD_SLOWDOWN) ? addr + pageCoordAgain(p) : addr;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long pageCoordAgain(Params p) {
        return p.accessor.getNocAddr(Template.SPEC, p.pageCoords[p.nextPage()]);
    }

    @Benchmark
    public long manual_pages_iteration(StaticParams p) {
        long sum = walkManually(p.accessor);
        p.allocate(MANUAL_EXTRA);
        return p.slowdown(MANUAL_SLOWDOWN) ? sum + walkManuallyAgain(p.accessor) : sum;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long walkManuallyAgain(TensorAccessor accessor) {
        return walkManually(accessor);
    }

    private static long walkManually(TensorAccessor accessor) {
        int volume = accessor.volume(Template.SPEC);
        long sum = 0;
        for (int page = 0; page < volume; page++) {
            sum += accessor.getNocAddr(Template.SPEC, page);
        }
        return sum;
    }

    @Benchmark
    public long pages_iterator(StaticParams p) {
        long sum = walkWithIterator(p.accessor);
        p.allocate(ITERATOR_EXTRA);
        return p.slowdown(ITERATOR_SLOWDOWN) ? sum + walkWithIteratorAgain(p.accessor) : sum;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long walkWithIteratorAgain(TensorAccessor accessor) {
        return walkWithIterator(accessor);
    }

    private static long walkWithIterator(TensorAccessor accessor) {
        PageIterator pages = accessor.pages(Template.SPEC);
        long sum = 0;
        while (pages.hasNext()) {
            sum += pages.next();
        }
        return sum;
    }
}
