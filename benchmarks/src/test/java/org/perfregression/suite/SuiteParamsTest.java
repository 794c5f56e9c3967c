package org.perfregression.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.perfregression.accessor.ArgsConfig;
import org.perfregression.accessor.SuiteShapes;

class SuiteParamsTest {

    private static String[] values(Class<?> state, String field) throws NoSuchFieldException {
        return state.getField(field).getAnnotation(Param.class).value();
    }

    @Test
    void theSuiteCoversEveryRankAndEveryLegalConfiguration() throws NoSuchFieldException {
        String[] ranks = IntStream.rangeClosed(SuiteShapes.MIN_RANK, SuiteShapes.MAX_RANK)
                .mapToObj(String::valueOf).toArray(String[]::new);
        assertArrayEquals(ranks, values(AccessorBenchmarks.Params.class, "rank"));
        assertArrayEquals(ranks, values(AccessorBenchmarks.StaticParams.class, "rank"));
        assertArrayEquals(ArgsConfig.legalShardedL1().stream().map(ArgsConfig::name).toArray(String[]::new),
                values(AccessorBenchmarks.Params.class, "config"));
        String[] staticOnly = values(AccessorBenchmarks.StaticParams.class, "config");
        assertEquals(1, staticOnly.length);
        assertTrue(ArgsConfig.parse(staticOnly[0]).fullyStatic());
    }

    @Test
    void everyBenchmarkReturnsItsResult() {
        for (var method : AccessorBenchmarks.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)) {
                assertEquals(long.class, method.getReturnType(), method.getName() + " must return its result");
            }
        }
    }

    @Test
    void aSecondSpecInTheSameJvmFailsLoudly() {
        AccessorBenchmarks.Params first = new AccessorBenchmarks.Params();
        first.rank = 2;
        first.config = "SHARDED_ACCESSOR_0000001";
        first.setUp();
        first.setUp(); // the same combination again is fine
        AccessorBenchmarks.Params second = new AccessorBenchmarks.Params();
        second.rank = 3;
        second.config = "SHARDED_ACCESSOR_0000001";
        IllegalStateException e = assertThrows(IllegalStateException.class, second::setUp);
        assertTrue(e.getMessage().contains("rank=2 config=SHARDED_ACCESSOR_0000001")
                && e.getMessage().contains("cannot measure rank=3") && e.getMessage().contains("-f 0"), e.getMessage());
    }
}
