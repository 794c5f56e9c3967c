package org.perfregression.accessor;

/**
 * The NOC coordinates of up to 16 banks, each packed as the 16-bit value {@code (x << 8) | y}, two
 * per 32-bit word (bank 2k in the low half of word k, bank 2k+1 in the high half), as the device
 * passes them. Scalar fields for the same reason as {@link Dims}.
 */
public record BankCoords(int words, int w0, int w1, int w2, int w3, int w4, int w5, int w6, int w7) {

    public static final int MAX_BANKS = 16;

    /** Packs {@code (x[b], y[b])} for every bank b. */
    public static BankCoords pack(int[] x, int[] y) {
        if (x.length != y.length || x.length > MAX_BANKS) {
            throw new IllegalArgumentException("need as many x as y coordinates, at most " + MAX_BANKS);
        }
        int[] w = new int[MAX_BANKS / 2];
        for (int bank = 0; bank < x.length; bank++) {
            int packed = (x[bank] & 0xFF) << 8 | (y[bank] & 0xFF);
            w[bank / 2] |= packed << (16 * (bank & 1));
        }
        return new BankCoords((x.length + 1) / 2, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
    }

    /** Word {@code k} of the packed coordinates. */
    public int word(int k) {
        return switch (k) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            case 4 -> w4;
            case 5 -> w5;
            case 6 -> w6;
            case 7 -> w7;
            default -> throw new IndexOutOfBoundsException(k);
        };
    }

    public int[] toWords() {
        int[] all = {w0, w1, w2, w3, w4, w5, w6, w7};
        return java.util.Arrays.copyOf(all, words);
    }

    /** The packed 16-bit coordinate of {@code bank} within a word. */
    static int unpack(int word, int bank) {
        return word >>> (16 * (bank & 1)) & 0xFFFF;
    }
}
