package org.perfregression.accessor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TensorAccessorTest {

    static Stream<Arguments> everyRankAndConfig() {
        return IntStream.rangeClosed(SuiteShapes.MIN_RANK, SuiteShapes.MAX_RANK).boxed()
                .flatMap(rank -> ArgsConfig.legalShardedL1().stream().map(config -> Arguments.of(rank, config)));
    }

    static IntStream ranks() {
        return IntStream.rangeClosed(SuiteShapes.MIN_RANK, SuiteShapes.MAX_RANK);
    }

    private static TensorAccessor accessor(AccessorSpec spec, TensorLayout layout) {
        return new TensorAccessor(spec, layout.runtimeArgs(spec.config()), SuiteShapes.PAGE_SIZE);
    }

    @Test
    void fifteenLegalConfigurationsWithTheirNames() {
        List<String> names = ArgsConfig.legalShardedL1().stream().map(ArgsConfig::name).toList();
        assertEquals(List.of("0000001", "0010001", "0100001", "0110001", "0110101", "1000001", "1001001", "1010001",
                "1011001", "1100001", "1101001", "1110001", "1110101", "1111001", "1111101"),
                names.stream().map(n -> n.substring("SHARDED_ACCESSOR_".length())).toList());
        ArgsConfig config = ArgsConfig.parse("SHARDED_ACCESSOR_0110101");
        assertTrue(config.runtimeShardShape() && config.runtimeTensorShape() && config.runtimeRank() && config.sharded());
        assertFalse(config.runtimeNumBanks() || config.runtimeBankCoords() || config.isDram());
        assertThrows(IllegalArgumentException.class, () -> ArgsConfig.parse("SHARDED_ACCESSOR_01"));
        assertFalse(ArgsConfig.parse("SHARDED_ACCESSOR_0000101").isLegal(), "runtime rank needs runtime shapes");
        assertFalse(ArgsConfig.parse("SHARDED_ACCESSOR_0001001").isLegal(), "runtime banks need runtime coords");
    }

    @Test
    void shapesAsDocumented() {
        int[][] expected = {{100, 16}, {250, 16}, {625, 16}, {3125, 32}, {2025, 64}, {972, 32}};
        for (int rank = 2; rank <= 7; rank++) {
            TensorLayout layout = SuiteShapes.forRank(rank);
            assertEquals(rank, layout.rank());
            assertEquals(expected[rank - 2][0], layout.volume(), "pages of rank " + rank);
            assertEquals(expected[rank - 2][1], layout.tensorShape().ceilDiv(layout.shardShape()).volume(),
                    "shards of rank " + rank);
        }
    }

    @ParameterizedTest(name = "rank {0}, {1}")
    @MethodSource("everyRankAndConfig")
    void everyPageMatchesTheBruteForceReference(int rank, ArgsConfig config) {
        TensorLayout layout = SuiteShapes.forRank(rank);
        AccessorSpec spec = AccessorSpec.of(config, layout);
        TensorAccessor accessor = accessor(spec, layout);
        long[] expected = BruteForce.addresses(layout, SuiteShapes.PAGE_SIZE);
        assertEquals(expected.length, accessor.volume(spec));
        for (int page = 0; page < expected.length; page++) {
            assertEquals(expected[page], accessor.getNocAddr(spec, page), "page " + page);
            assertEquals(expected[page], accessor.getNocAddr(spec, BruteForce.coordinate(layout, page)),
                    "page coordinate of page " + page);
        }
    }

    @ParameterizedTest(name = "rank {0}")
    @MethodSource("ranks")
    void allConfigurationsAgreeAndDeriveTheSameValues(int rank) {
        TensorLayout layout = SuiteShapes.forRank(rank);
        AccessorSpec staticSpec = AccessorSpec.of(ArgsConfig.parse("SHARDED_ACCESSOR_0000001"), layout);
        TensorAccessor reference = accessor(staticSpec, layout);
        for (ArgsConfig config : ArgsConfig.legalShardedL1()) {
            AccessorSpec spec = AccessorSpec.of(config, layout);
            TensorAccessor accessor = accessor(spec, layout);
            assertEquals(reference.digest(staticSpec), accessor.digest(spec), config.name());
            for (int page = 0; page < layout.volume(); page += 7) {
                assertEquals(reference.getNocAddr(staticSpec, page), accessor.getNocAddr(spec, page));
            }
        }
    }

    @ParameterizedTest(name = "rank {0}")
    @MethodSource("ranks")
    void iteratorVisitsExactlyTheManualPagesInOrder(int rank) {
        TensorLayout layout = SuiteShapes.forRank(rank);
        for (ArgsConfig config : ArgsConfig.legalShardedL1()) {
            AccessorSpec spec = AccessorSpec.of(config, layout);
            TensorAccessor accessor = accessor(spec, layout);
            List<Long> manual = new ArrayList<>();
            for (int page = 0; page < accessor.volume(spec); page++) {
                manual.add(accessor.getNocAddr(spec, page));
            }
            List<Long> iterated = new ArrayList<>();
            PageIterator pages = accessor.pages(spec);
            while (pages.hasNext()) {
                iterated.add(pages.next());
            }
            assertEquals(manual, iterated, config.name());
            assertThrows(java.util.NoSuchElementException.class, pages::next);
        }
    }

    @Test
    void runtimeRankWrapsTheArgumentsStaticRankCopiesThem() {
        TensorLayout layout = SuiteShapes.forRank(3);
        ArgsConfig viewConfig = ArgsConfig.parse("SHARDED_ACCESSOR_0110101");
        int[] args = layout.runtimeArgs(viewConfig);
        AccessorSpec viewSpec = AccessorSpec.of(viewConfig, layout);
        TensorAccessor view = new TensorAccessor(viewSpec, args, SuiteShapes.PAGE_SIZE);
        args[1] = 99; // the first tensor dimension, seen through the view
        assertEquals(99, view.tensorDim(viewSpec, 0));

        ArgsConfig copyConfig = ArgsConfig.parse("SHARDED_ACCESSOR_0110001");
        int[] copyArgs = layout.runtimeArgs(copyConfig);
        AccessorSpec copySpec = AccessorSpec.of(copyConfig, layout);
        TensorAccessor copy = new TensorAccessor(copySpec, copyArgs, SuiteShapes.PAGE_SIZE);
        copyArgs[0] = 99;
        assertEquals(5, copy.tensorDim(copySpec, 0));
    }

    @Test
    void compileTimeSpecHoldsNoRuntimePart() {
        AccessorSpec spec = AccessorSpec.of(ArgsConfig.parse("SHARDED_ACCESSOR_1111101"), SuiteShapes.forRank(4));
        assertEquals(0, spec.rank());
        assertEquals(0, spec.numBanks());
        assertEquals(0, spec.tensorShape().length());
        assertEquals(0, spec.bankCoords().words());
        assertArrayEquals(new int[] {4, 16, 5, 5, 5, 5, 3, 3, 3, 3},
                java.util.Arrays.copyOf(SuiteShapes.forRank(4).runtimeArgs(spec.config()), 10));
    }
}
