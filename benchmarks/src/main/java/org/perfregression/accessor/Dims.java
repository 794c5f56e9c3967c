package org.perfregression.accessor;

/**
 * Up to seven integers in [0, 65535], one per tensor dimension, packed four to a {@code long}.
 *
 * <p>Why not an {@code int[]}: the JIT treats the fields of a record reached through a
 * {@code static final} as constants, but never the elements of an array. Packed into two scalar
 * fields, {@link #get} is a shift and a mask of a constant: it folds completely once a loop over a
 * constant rank is unrolled, and costs a few register operations (no load) when it is not. A
 * switch over seven fields would fold as well, but its size keeps the JIT from inlining and
 * unrolling it.
 */
public record Dims(int length, long low, long high) {

    public static final int MAX_LENGTH = 7;
    private static final int MAX_VALUE = 0xFFFF;

    public Dims {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("between 0 and " + MAX_LENGTH + " dimensions, got " + length);
        }
    }

    public static Dims of(int... values) {
        if (values.length > MAX_LENGTH) {
            throw new IllegalArgumentException("at most " + MAX_LENGTH + " dimensions, got " + values.length);
        }
        long low = 0;
        long high = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > MAX_VALUE) {
                throw new IllegalArgumentException("dimension values must be in [0, " + MAX_VALUE + "], got " + values[i]);
            }
            long lane = (long) values[i] << (16 * (i & 3));
            if (i < 4) {
                low |= lane;
            } else {
                high |= lane;
            }
        }
        return new Dims(values.length, low, high);
    }

    public int get(int i) {
        return (int) ((i < 4 ? low : high) >>> (16 * (i & 3))) & MAX_VALUE;
    }

    public int[] toArray() {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = get(i);
        }
        return values;
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
