package org.perfregression.accessor;

import java.util.Arrays;

/**
 * A shape the accessor read from its runtime arguments, with the strides and volume derived from
 * it. With a runtime rank it is a view into the argument array; with a static rank a copy in
 * storage of that fixed size.
 */
record RuntimeShape(int[] values, int offset, int[] strides, int volume) {

    static RuntimeShape read(int[] args, int from, int rank, boolean view) {
        int[] values = view ? args : Arrays.copyOfRange(args, from, from + rank);
        int offset = view ? from : 0;
        int[] strides = new int[rank];
        int volume = Strides.rowMajor(values, offset, strides, rank);
        return new RuntimeShape(values, offset, strides, volume);
    }

    int get(int i) {
        return values[offset + i];
    }
}
