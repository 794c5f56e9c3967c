package org.perfregression.accessor;

/**
 * Walks every page of a tensor in page-id order, keeping the page coordinate, the shard index and
 * the offset inside the shard up to date by additions: no division per page to find the
 * coordinate, unlike calling {@link TensorAccessor#getNocAddr(AccessorSpec, int)} for each id.
 */
public final class PageIterator {

    private final TensorAccessor accessor;
    private final AccessorSpec spec;
    private final int rank;
    private final int[] coord;
    private final int[] inShardCoord;
    private final int[] shardCoord;
    private int flatShard;
    private int inShard;
    private int remaining;

    PageIterator(TensorAccessor accessor, AccessorSpec spec) {
        this.accessor = accessor;
        this.spec = spec;
        this.rank = accessor.rank(spec);
        this.coord = new int[rank];
        this.inShardCoord = new int[rank];
        this.shardCoord = new int[rank];
        this.remaining = accessor.volume(spec);
    }

    public boolean hasNext() {
        return remaining > 0;
    }

    /** The address of the current page; then moves to the next one. */
    public long next() {
        if (remaining <= 0) {
            throw new java.util.NoSuchElementException();
        }
        long address = accessor.address(spec, flatShard, inShard, 0);
        remaining--;
        advance();
        return address;
    }

    /** Increments the last dimension and carries, as an odometer. */
    private void advance() {
        for (int i = rank - 1; i >= 0; i--) {
            int shardStride = accessor.shardStride(spec, i);
            int gridStride = accessor.shardGridStride(spec, i);
            coord[i]++;
            inShardCoord[i]++;
            if (inShardCoord[i] == accessor.shardDim(spec, i)) {
                inShard -= (inShardCoord[i] - 1) * shardStride;
                inShardCoord[i] = 0;
                shardCoord[i]++;
                flatShard += gridStride;
            } else {
                inShard += shardStride;
            }
            if (coord[i] < accessor.tensorDim(spec, i)) {
                return;
            }
            // The dimension wraps: take back its whole contribution and carry into the next one.
            flatShard -= shardCoord[i] * gridStride;
            inShard -= inShardCoord[i] * shardStride;
            coord[i] = 0;
            inShardCoord[i] = 0;
            shardCoord[i] = 0;
        }
    }
}
