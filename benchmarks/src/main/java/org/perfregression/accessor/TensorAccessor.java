package org.perfregression.accessor;

import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A sharded tensor accessor: turns a page id, or a page coordinate, into the 64-bit NOC address of
 * the page in its bank.
 *
 * <p>Java has no templates, so the compile-time arguments ({@link AccessorSpec}) are passed to every
 * call. Called with a spec read from a {@code static final} field, every {@code spec.config()} test
 * and every compile-time value folds to a constant, as in the C++ original; an instance holds only
 * what came from the runtime arguments. With a static rank, runtime arrays are copied into storage of
 * that fixed size; with a runtime rank they are views into the argument array (no copy).
 *
 * <p>The address of page {@code (flat_shard, in_shard)}: {@code bank = flat_shard % banks},
 * {@code bank_page_offset = (flat_shard / banks) * shard_volume + in_shard}, and
 * {@code (y << 42 | x << 36) + bank_base_address + bank_page_offset * page_size + offset}, where
 * {@code (x, y)} are the bank's NOC coordinates. The bit positions are this simulation's choice.
 */
public final class TensorAccessor {

    public static final int X_SHIFT = 36;
    public static final int Y_SHIFT = 42;

    private final int rank;
    private final int numBanks;
    private final int pageSize;
    private final int[] tensorShape;
    private final int tensorShapeOffset;
    private final int[] shardShape;
    private final int shardShapeOffset;
    private final int[] bankCoords;
    private final int bankCoordsOffset;
    private final int[] tensorStrides;
    private final int[] shardStrides;
    private final int[] shardGridStrides;
    private final int tensorVolume;
    private final int shardVolume;

    /**
     * Builds the accessor: reads the runtime parts from {@code args} (in the order of
     * {@link TensorLayout#runtimeArgs}) and derives what depends on them.
     */
    public TensorAccessor(AccessorSpec spec, int[] args, int pageSize) {
        ArgsConfig config = spec.config();
        slowdown(spec);
        int n = 0;
        this.rank = config.runtimeRank() ? args[n++] : spec.rank();
        this.numBanks = config.runtimeNumBanks() ? args[n++] : spec.numBanks();
        this.pageSize = pageSize;
        boolean view = config.runtimeRank();

        if (config.runtimeTensorShape()) {
            this.tensorShape = view ? args : Arrays.copyOfRange(args, n, n + rank);
            this.tensorShapeOffset = view ? n : 0;
            n += rank;
            this.tensorStrides = new int[rank];
            this.tensorVolume = Strides.rowMajor(tensorShape, tensorShapeOffset, tensorStrides, rank);
        } else {
            this.tensorShape = null;
            this.tensorShapeOffset = 0;
            this.tensorStrides = null;
            this.tensorVolume = 0;
        }
        if (config.runtimeShardShape()) {
            this.shardShape = view ? args : Arrays.copyOfRange(args, n, n + rank);
            this.shardShapeOffset = view ? n : 0;
            n += rank;
            this.shardStrides = new int[rank];
            this.shardVolume = Strides.rowMajor(shardShape, shardShapeOffset, shardStrides, rank);
        } else {
            this.shardShape = null;
            this.shardShapeOffset = 0;
            this.shardStrides = null;
            this.shardVolume = 0;
        }
        if (config.runtimeTensorShape() || config.runtimeShardShape()) {
            int[] grid = new int[rank];
            for (int i = 0; i < rank; i++) {
                grid[i] = Strides.ceilDiv(tensorDim(spec, i), shardDim(spec, i));
            }
            this.shardGridStrides = new int[rank];
            Strides.rowMajor(grid, 0, shardGridStrides, rank);
        } else {
            this.shardGridStrides = null;
        }
        if (config.runtimeBankCoords()) {
            int words = (numBanks + 1) / 2;
            boolean wrap = config.runtimeNumBanks();
            this.bankCoords = wrap ? args : Arrays.copyOfRange(args, n, n + words);
            this.bankCoordsOffset = wrap ? n : 0;
        } else {
            this.bankCoords = null;
            this.bankCoordsOffset = 0;
        }
    }

    /** The NOC address of page {@code pageId} (row-major over the tensor's pages), at byte offset 0. */
    public long getNocAddr(AccessorSpec spec, int pageId) {
        slowdown(spec);
        int flatShard = 0;
        int inShard = 0;
        int id = pageId;
        for (int i = rank(spec) - 1; i >= 0; i--) {
            int t = tensorDim(spec, i);
            int coord = id % t;
            id /= t;
            int s = shardDim(spec, i);
            flatShard += (coord / s) * shardGridStride(spec, i);
            inShard += (coord % s) * shardStride(spec, i);
        }
        return address(spec, flatShard, inShard, 0);
    }

    /** The NOC address of the page at {@code pageCoord} (one index per dimension), at byte offset 0. */
    public long getNocAddr(AccessorSpec spec, int[] pageCoord) {
        slowdown(spec);
        int flatShard = 0;
        int inShard = 0;
        int r = rank(spec);
        for (int i = 0; i < r; i++) {
            int coord = pageCoord[i];
            int s = shardDim(spec, i);
            flatShard += (coord / s) * shardGridStride(spec, i);
            inShard += (coord % s) * shardStride(spec, i);
        }
        return address(spec, flatShard, inShard, 0);
    }

    /** The pages in page-id order, advancing the coordinate incrementally. */
    public PageIterator pages(AccessorSpec spec) {
        return new PageIterator(this, spec);
    }

    /**
     * A sum over every value the constructor derived. Consuming it makes the constructor benchmark
     * pay for all of the construction and nothing else: with a fully static spec it is a constant.
     */
    public long digest(AccessorSpec spec) {
        int r = rank(spec);
        long sum = volume(spec) + 31L * shardVolume(spec) + numBanks(spec) + 7L * packedCoord(spec, 0);
        for (int i = 0; i < r; i++) {
            sum = sum * 31 + tensorDim(spec, i) + tensorStride(spec, i) + shardDim(spec, i)
                    + shardStride(spec, i) + shardGridStride(spec, i);
        }
        return sum;
    }

    public int rank(AccessorSpec spec) {
        return spec.config().runtimeRank() ? rank : spec.rank();
    }

    public int numBanks(AccessorSpec spec) {
        return spec.config().runtimeNumBanks() ? numBanks : spec.numBanks();
    }

    /** Pages in the tensor. */
    public int volume(AccessorSpec spec) {
        return spec.config().runtimeTensorShape() ? tensorVolume : spec.tensorVolume();
    }

    public int shardVolume(AccessorSpec spec) {
        return spec.config().runtimeShardShape() ? shardVolume : spec.shardVolume();
    }

    public int tensorDim(AccessorSpec spec, int i) {
        return spec.config().runtimeTensorShape() ? tensorShape[tensorShapeOffset + i] : spec.tensorShape().get(i);
    }

    public int shardDim(AccessorSpec spec, int i) {
        return spec.config().runtimeShardShape() ? shardShape[shardShapeOffset + i] : spec.shardShape().get(i);
    }

    int tensorStride(AccessorSpec spec, int i) {
        return spec.config().runtimeTensorShape() ? tensorStrides[i] : spec.tensorStrides().get(i);
    }

    int shardStride(AccessorSpec spec, int i) {
        return spec.config().runtimeShardShape() ? shardStrides[i] : spec.shardStrides().get(i);
    }

    int shardGridStride(AccessorSpec spec, int i) {
        boolean runtime = spec.config().runtimeTensorShape() || spec.config().runtimeShardShape();
        return runtime ? shardGridStrides[i] : spec.shardGridStrides().get(i);
    }

    private int packedCoord(AccessorSpec spec, int bank) {
        int word = spec.config().runtimeBankCoords()
                ? bankCoords[bankCoordsOffset + bank / 2]
                : spec.bankCoords().word(bank / 2);
        return BankCoords.unpack(word, bank);
    }

    /** Step 3 and 4: round-robin bank placement, then the address in that bank. */
    long address(AccessorSpec spec, int flatShard, int inShard, int offset) {
        int banks = numBanks(spec);
        int bank = flatShard % banks;
        long bankPageOffset = (long) (flatShard / banks) * shardVolume(spec) + inShard;
        int packed = packedCoord(spec, bank);
        long x = packed >>> 8 & 0xFF;
        long y = packed & 0xFF;
        return (y << Y_SHIFT | x << X_SHIFT) + spec.bankBaseAddress() + bankPageOffset * pageSize + offset;
    }

    private static void slowdown(AccessorSpec spec) {
        if (spec.slowdownTokens() > 0) {
            Blackhole.consumeCPU(spec.slowdownTokens());
        }
    }
}
