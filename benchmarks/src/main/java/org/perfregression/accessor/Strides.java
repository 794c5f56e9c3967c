package org.perfregression.accessor;

/** The arithmetic the constructor does on runtime arguments, shared with the compile-time path. */
final class Strides {

    private Strides() {
    }

    /**
     * Row-major strides of {@code shape[offset .. offset+rank)} into {@code strides[0 .. rank)}, which
     * may be the shape itself; returns the volume.
     */
    static int rowMajor(int[] shape, int offset, int[] strides, int rank) {
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int dim = shape[offset + i];
            strides[i] = stride;
            stride *= dim;
        }
        return stride;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
