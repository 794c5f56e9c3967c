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

    /*
     * The per-dimension work below is unrolled by hand: a switch on the rank that falls through from
     * the highest dimension down, so that every dimension index is a literal. A C++ compiler unrolls
     * a loop over a constexpr rank completely; C2 stops once the unrolled loop would exceed
     * 4 x LoopUnrollLimit nodes, which this body does from rank 6 on, and every compile-time value
     * then turns back into a computation. Measured (2 forks x 50 samples, medians): the fully static
     * get_noc_addr(page_id) went from 69 to 34 ns at rank 6 and from 72 to 30 ns at rank 7, the
     * fully static constructor from 39 and 49 ns to under 1 ns. With a runtime rank the switch is a
     * jump into the chain, as cheap as a loop.
     */

    /** The NOC address of page {@code pageId} (row-major over the tensor's pages), at byte offset 0. */
    @SuppressWarnings("fallthrough")
    public long getNocAddr(AccessorSpec spec, int pageId) {
        slowdown(spec);
        long shards = 0; // (flat shard index << 32) + offset inside the shard
        int id = pageId;
        int t;
        switch (rank(spec)) {
            case 7: t = tensorDim(spec, 6); shards += split(spec, 6, id % t); id /= t;
            case 6: t = tensorDim(spec, 5); shards += split(spec, 5, id % t); id /= t;
            case 5: t = tensorDim(spec, 4); shards += split(spec, 4, id % t); id /= t;
            case 4: t = tensorDim(spec, 3); shards += split(spec, 3, id % t); id /= t;
            case 3: t = tensorDim(spec, 2); shards += split(spec, 2, id % t); id /= t;
            case 2: t = tensorDim(spec, 1); shards += split(spec, 1, id % t); id /= t;
            case 1: shards += split(spec, 0, id % tensorDim(spec, 0));
            default:
        }
        return address(spec, (int) (shards >>> 32), (int) shards, 0);
    }

    /** The NOC address of the page at {@code pageCoord} (one index per dimension), at byte offset 0. */
    @SuppressWarnings("fallthrough")
    public long getNocAddr(AccessorSpec spec, int[] pageCoord) {
        slowdown(spec);
        long shards = 0;
        switch (rank(spec)) {
            case 7: shards += split(spec, 6, pageCoord[6]);
            case 6: shards += split(spec, 5, pageCoord[5]);
            case 5: shards += split(spec, 4, pageCoord[4]);
            case 4: shards += split(spec, 3, pageCoord[3]);
            case 3: shards += split(spec, 2, pageCoord[2]);
            case 2: shards += split(spec, 1, pageCoord[1]);
            case 1: shards += split(spec, 0, pageCoord[0]);
            default:
        }
        return address(spec, (int) (shards >>> 32), (int) shards, 0);
    }

    /**
     * Step 2 for one dimension: which shard the coordinate falls in and where inside it, as
     * {@code (shard index contribution << 32) + in-shard offset contribution}; both stay far below
     * 2^31, so the packed sums never carry from one half into the other.
     */
    private long split(AccessorSpec spec, int i, int coord) {
        int s = shardDim(spec, i);
        return (long) ((coord / s) * shardGridStride(spec, i)) << 32 | (coord % s) * shardStride(spec, i);
    }

    /** The pages in page-id order, advancing the coordinate incrementally. */
    public PageIterator pages(AccessorSpec spec) {
        return new PageIterator(this, spec);
    }

    /**
     * A sum over every value the constructor derived. Consuming it makes the constructor benchmark
     * pay for all of the construction and nothing else: with a fully static spec it is a constant.
     */
    @SuppressWarnings("fallthrough")
    public long digest(AccessorSpec spec) {
        long sum = volume(spec) + 31L * shardVolume(spec) + numBanks(spec) + 7L * packedCoord(spec, 0);
        switch (rank(spec)) {
            case 7: sum += digest(spec, 6);
            case 6: sum += digest(spec, 5);
            case 5: sum += digest(spec, 4);
            case 4: sum += digest(spec, 3);
            case 3: sum += digest(spec, 2);
            case 2: sum += digest(spec, 1);
            case 1: sum += digest(spec, 0);
            default:
        }
        return sum;
    }

    private long digest(AccessorSpec spec, int i) {
        long dimension = tensorDim(spec, i) + 3L * tensorStride(spec, i) + 5L * shardDim(spec, i)
                + 7L * shardStride(spec, i) + 11L * shardGridStride(spec, i);
        return dimension << (4 * i);
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
