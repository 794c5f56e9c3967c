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
    private final RuntimeShape tensorShape;
    private final RuntimeShape shardShape;
    private final int[] shardGridStrides;
    private final int[] bankCoords;
    private final int bankCoordsOffset;

    /**
     * Builds the accessor: reads the runtime parts from {@code args} (in the order of
     * {@link TensorLayout#runtimeArgs}) and derives what depends on them. Kept small, every part in
     * its own helper, so that the JIT inlines it and drops the parts a configuration does not use.
     */
    public TensorAccessor(AccessorSpec spec, int[] args, int pageSize) {
        slowdown(spec);
        ArgsConfig c = spec.config();
        int n = 0;
        this.rank = c.runtimeRank() ? args[n++] : spec.rank();
        this.numBanks = c.runtimeNumBanks() ? args[n++] : spec.numBanks();
        this.pageSize = pageSize;
        this.tensorShape = c.runtimeTensorShape() ? RuntimeShape.read(args, n, rank, c.runtimeRank()) : null;
        n += c.runtimeTensorShape() ? rank : 0;
        this.shardShape = c.runtimeShardShape() ? RuntimeShape.read(args, n, rank, c.runtimeRank()) : null;
        n += c.runtimeShardShape() ? rank : 0;
        this.shardGridStrides = c.runtimeTensorShape() || c.runtimeShardShape() ? shardGridStrides(spec) : null;
        this.bankCoords = c.runtimeBankCoords() ? slice(args, n, (numBanks + 1) / 2, c.runtimeNumBanks()) : null;
        this.bankCoordsOffset = c.runtimeNumBanks() ? n : 0;
    }

    /** A view of {@code args} from {@code from} on, or a copy of {@code length} values of it. */
    private static int[] slice(int[] args, int from, int length, boolean view) {
        return view ? args : Arrays.copyOfRange(args, from, from + length);
    }

    /** Row-major strides of the shard grid, {@code ceil(tensor[i] / shard[i])} shards per dimension. */
    private int[] shardGridStrides(AccessorSpec spec) {
        int[] grid = new int[rank];
        for (int i = 0; i < rank; i++) {
            grid[i] = Strides.ceilDiv(tensorDim(spec, i), shardDim(spec, i));
        }
        Strides.rowMajor(grid, 0, grid, rank);
        return grid;
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
        return spec.config().runtimeTensorShape() ? tensorShape.volume() : spec.tensorVolume();
    }

    public int shardVolume(AccessorSpec spec) {
        return spec.config().runtimeShardShape() ? shardShape.volume() : spec.shardVolume();
    }

    public int tensorDim(AccessorSpec spec, int i) {
        return spec.config().runtimeTensorShape() ? tensorShape.get(i) : spec.tensorShape().get(i);
    }

    public int shardDim(AccessorSpec spec, int i) {
        return spec.config().runtimeShardShape() ? shardShape.get(i) : spec.shardShape().get(i);
    }

    int tensorStride(AccessorSpec spec, int i) {
        return spec.config().runtimeTensorShape() ? tensorShape.strides()[i] : spec.tensorStrides().get(i);
    }

    int shardStride(AccessorSpec spec, int i) {
        return spec.config().runtimeShardShape() ? shardShape.strides()[i] : spec.shardStrides().get(i);
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
