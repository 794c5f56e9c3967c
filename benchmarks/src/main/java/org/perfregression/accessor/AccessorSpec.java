package org.perfregression.accessor;

/**
 * The compile-time half of an accessor's arguments: the Java counterpart of the C++ template
 * argument ({@code DistributionSpec}). It holds the values of the parts {@link ArgsConfig} marks
 * compile-time, and everything derived from them alone (strides, volumes, shard grid), computed
 * once here as a C++ compiler would fold {@code constexpr} code. Parts marked runtime are zero: the
 * accessor must take them from the runtime arguments, and the tests check that it does.
 *
 * <p>A record, so that the JIT treats its fields (and those of the nested records) as constants when
 * the spec is reached through a {@code static final} field: see {@code TemplateArgs} in the suite.
 *
 * @param slowdownTokens extra work per call, in {@code Blackhole.consumeCPU} tokens; 0 except to
 *     prove that the gate detects a real slowdown
 */
public record AccessorSpec(
        ArgsConfig config,
        int rank,
        int numBanks,
        Dims tensorShape,
        Dims shardShape,
        BankCoords bankCoords,
        Dims tensorStrides,
        Dims shardStrides,
        Dims shardGrid,
        Dims shardGridStrides,
        int tensorVolume,
        int shardVolume,
        long bankBaseAddress,
        int slowdownTokens) {

    private static final Dims NONE = Dims.of();
    private static final BankCoords NO_COORDS = BankCoords.pack(new int[0], new int[0]);

    /** The compile-time view of {@code layout} under {@code config}. */
    public static AccessorSpec of(ArgsConfig config, TensorLayout layout) {
        return of(config, layout, 0);
    }

    /** As {@link #of(ArgsConfig, TensorLayout)}, with injected extra work per call. */
    public static AccessorSpec of(ArgsConfig config, TensorLayout layout, int slowdownTokens) {
        if (!config.isLegal() || !config.sharded() || config.isDram()) {
            throw new IllegalArgumentException(config + " is not a legal sharded L1 configuration");
        }
        boolean staticTensor = !config.runtimeTensorShape();
        boolean staticShard = !config.runtimeShardShape();
        Dims tensor = staticTensor ? layout.tensorShape() : NONE;
        Dims shard = staticShard ? layout.shardShape() : NONE;
        Dims grid = staticTensor && staticShard ? layout.tensorShape().ceilDiv(layout.shardShape()) : NONE;
        return new AccessorSpec(
                config,
                config.runtimeRank() ? 0 : layout.rank(),
                config.runtimeNumBanks() ? 0 : layout.numBanks(),
                tensor,
                shard,
                config.runtimeBankCoords() ? NO_COORDS : layout.bankCoords(),
                tensor.rowMajorStrides(),
                shard.rowMajorStrides(),
                grid,
                grid.rowMajorStrides(),
                staticTensor ? tensor.volume() : 0,
                staticShard ? shard.volume() : 0,
                layout.bankBaseAddress(),
                slowdownTokens);
    }
}
