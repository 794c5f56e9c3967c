package org.perfregression.accessor;

import java.util.Arrays;

/**
 * Up to seven integers, one per tensor dimension, held in scalar fields. Why not an {@code int[]}:
 * the JIT treats the fields of a record reached through a {@code static final} as constants, but
 * never the elements of an array. With a constant index (after the loops over a constant rank are
 * unrolled) {@link #get} folds to a constant.
 */
public record Dims(int length, int d0, int d1, int d2, int d3, int d4, int d5, int d6) {

    public static final int MAX_LENGTH = 7;

    public Dims {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("between 0 and " + MAX_LENGTH + " dimensions, got " + length);
        }
    }

    public static Dims of(int... values) {
        int[] v = Arrays.copyOf(values, MAX_LENGTH);
        if (values.length > MAX_LENGTH) {
            throw new IllegalArgumentException("at most " + MAX_LENGTH + " dimensions, got " + values.length);
        }
        return new Dims(values.length, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    public int get(int i) {
        return switch (i) {
            case 0 -> d0;
            case 1 -> d1;
            case 2 -> d2;
            case 3 -> d3;
            case 4 -> d4;
            case 5 -> d5;
            case 6 -> d6;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    public int[] toArray() {
        return Arrays.copyOf(new int[] {d0, d1, d2, d3, d4, d5, d6}, length);
    }

    /** The product of all values. */
    public int volume() {
        int volume = 1;
        for (int i = 0; i < length; i++) {
            volume *= get(i);
        }
        return volume;
    }

    /** Row-major strides: the last is 1, {@code stride[i] = stride[i+1] * shape[i+1]}. */
    public Dims rowMajorStrides() {
        int[] strides = new int[length];
        Strides.rowMajor(toArray(), 0, strides, length);
        return of(strides);
    }

    /** {@code ceil(this[i] / divisor[i])} per dimension: shards per dimension. */
    public Dims ceilDiv(Dims divisor) {
        int[] result = new int[length];
        for (int i = 0; i < length; i++) {
            result[i] = Strides.ceilDiv(get(i), divisor.get(i));
        }
        return of(result);
    }
}
