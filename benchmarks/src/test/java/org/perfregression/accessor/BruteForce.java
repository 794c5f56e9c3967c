package org.perfregression.accessor;

/**
 * The test oracle: enumerates every shard of the grid and every page inside it, places shard k in
 * bank {@code k % banks} at slot {@code k / banks}, and records each page's address under its page
 * id. Shares no code with the accessor but the documented address formula.
 */
final class BruteForce {

    private BruteForce() {
    }

    static long[] addresses(TensorLayout layout, int pageSize) {
        int rank = layout.rank();
        int[] tensor = layout.tensorShape().toArray();
        int[] shard = layout.shardShape().toArray();
        int[] grid = new int[rank];
        int shards = 1;
        int shardVolume = 1;
        for (int i = 0; i < rank; i++) {
            grid[i] = (tensor[i] + shard[i] - 1) / shard[i];
            shards *= grid[i];
            shardVolume *= shard[i];
        }
        long[] addresses = new long[layout.volume()];
        java.util.Arrays.fill(addresses, -1);
        int[] words = layout.bankCoords().toWords();
        for (int k = 0; k < shards; k++) {
            int[] shardCoord = unflatten(k, grid);
            int bank = k % layout.numBanks();
            int packed = words[bank / 2] >>> (16 * (bank % 2)) & 0xFFFF;
            long x = packed >> 8;
            long y = packed & 0xFF;
            for (int p = 0; p < shardVolume; p++) {
                int[] inShard = unflatten(p, shard);
                int[] page = new int[rank];
                boolean inside = true;
                for (int i = 0; i < rank; i++) {
                    page[i] = shardCoord[i] * shard[i] + inShard[i];
                    inside &= page[i] < tensor[i];
                }
                if (!inside) {
                    continue; // partial shard at the tensor's edge
                }
                long bankPageOffset = (long) (k / layout.numBanks()) * shardVolume + p;
                addresses[flatten(page, tensor)] = (y << 42 | x << 36) + layout.bankBaseAddress()
                        + bankPageOffset * pageSize;
            }
        }
        for (long address : addresses) {
            if (address < 0) {
                throw new AssertionError("a page belongs to no shard");
            }
        }
        return addresses;
    }

    static int[] coordinate(TensorLayout layout, int pageId) {
        return unflatten(pageId, layout.tensorShape().toArray());
    }

    private static int[] unflatten(int index, int[] shape) {
        int[] coord = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            coord[i] = index % shape[i];
            index /= shape[i];
        }
        return coord;
    }

    private static int flatten(int[] coord, int[] shape) {
        int index = 0;
        for (int i = 0; i < shape.length; i++) {
            index = index * shape[i] + coord[i];
        }
        return index;
    }
}
