package org.perfregression.accessor;

/**
 * Everything the accessor is told about a sharded tensor, whatever is compile-time and whatever is
 * runtime: rank, banks, tensor and shard shapes in pages, bank coordinates, and the base address of
 * the tensor in every bank.
 */
public record TensorLayout(int rank, int numBanks, Dims tensorShape, Dims shardShape, BankCoords bankCoords,
        long bankBaseAddress) {

    public TensorLayout {
        if (tensorShape.length() != rank || shardShape.length() != rank) {
            throw new IllegalArgumentException("shapes must have " + rank + " dimensions");
        }
        if (numBanks < 1 || numBanks > 2 * bankCoords.words()) {
            throw new IllegalArgumentException("need coordinates for " + numBanks + " banks");
        }
    }

    /** Number of pages in the tensor. */
    public int volume() {
        return tensorShape.volume();
    }

    /** The coordinate of page {@code pageId}, row-major: the last dimension varies fastest. */
    public int[] pageCoordinate(int pageId) {
        int[] coord = new int[rank];
        for (int i = rank - 1; i >= 0; i--) {
            coord[i] = pageId % tensorShape.get(i);
            pageId /= tensorShape.get(i);
        }
        return coord;
    }

    /**
     * The "common runtime arguments" for {@code config}: only the parts it makes runtime, in the
     * order rank, bank count, tensor shape, shard shape, packed bank coordinates.
     */
    public int[] runtimeArgs(ArgsConfig config) {
        int[] args = new int[2 + 2 * rank + bankCoords.words()];
        int n = 0;
        if (config.runtimeRank()) {
            args[n++] = rank;
        }
        if (config.runtimeNumBanks()) {
            args[n++] = numBanks;
        }
        if (config.runtimeTensorShape()) {
            for (int v : tensorShape.toArray()) {
                args[n++] = v;
            }
        }
        if (config.runtimeShardShape()) {
            for (int v : shardShape.toArray()) {
                args[n++] = v;
            }
        }
        if (config.runtimeBankCoords()) {
            for (int w : bankCoords.toWords()) {
                args[n++] = w;
            }
        }
        return java.util.Arrays.copyOf(args, n);
    }
}
