package org.perfregression.accessor;

/**
 * The tensors of the benchmark suite, one per rank, as on the device: 16 banks on a 4x4 grid of
 * cores (bank b at x = 1 + b % 4, y = 1 + b / 4), round-robin shard placement, page size 1024 bytes.
 *
 * <pre>
 * rank  tensor (pages)   shard (pages)  pages  shard grid    shards
 *  2    10,10            3,3              100  4,4           16
 *  3    5,5,10           3,3,3            250  2,2,4         16
 *  4    5,5,5,5          3,3,3,3          625  2,2,2,2       16
 *  5    5,5,5,5,5        3,3,3,3,3       3125  2,2,2,2,2     32
 *  6    3,3,3,3,5,5      2,2,2,2,3,3     2025  2,2,2,2,2,2   64
 *  7    3,3,3,3,3,2,2    2,2,2,2,2,3,3    972  2,2,2,2,2,1,1 32
 * </pre>
 */
public final class SuiteShapes {

    public static final int MIN_RANK = 2;
    public static final int MAX_RANK = 7;
    public static final int NUM_BANKS = 16;
    public static final int PAGE_SIZE = 1024;
    /** Where the tensor starts in every bank's L1: the simulation's choice. */
    public static final long BANK_BASE_ADDRESS = 0x40000;

    private SuiteShapes() {
    }

    public static TensorLayout forRank(int rank) {
        return switch (rank) {
            case 2 -> layout(Dims.of(10, 10), Dims.of(3, 3));
            case 3 -> layout(Dims.of(5, 5, 10), Dims.of(3, 3, 3));
            case 4 -> layout(Dims.of(5, 5, 5, 5), Dims.of(3, 3, 3, 3));
            case 5 -> layout(Dims.of(5, 5, 5, 5, 5), Dims.of(3, 3, 3, 3, 3));
            case 6 -> layout(Dims.of(3, 3, 3, 3, 5, 5), Dims.of(2, 2, 2, 2, 3, 3));
            case 7 -> layout(Dims.of(3, 3, 3, 3, 3, 2, 2), Dims.of(2, 2, 2, 2, 2, 3, 3));
            default -> throw new IllegalArgumentException(
                    "rank must be between " + MIN_RANK + " and " + MAX_RANK + ", got " + rank);
        };
    }

    private static TensorLayout layout(Dims tensor, Dims shard) {
        int[] x = new int[NUM_BANKS];
        int[] y = new int[NUM_BANKS];
        for (int bank = 0; bank < NUM_BANKS; bank++) {
            x[bank] = 1 + bank % 4;
            y[bank] = 1 + bank / 4;
        }
        return new TensorLayout(tensor.length(), NUM_BANKS, tensor, shard, BankCoords.pack(x, y), BANK_BASE_ADDRESS);
    }
}
