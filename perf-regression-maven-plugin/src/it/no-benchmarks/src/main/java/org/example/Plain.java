package org.example;

/** Ordinary code: no benchmark here. */
public final class Plain {

    private Plain() {
    }

    public static int twice(int x) {
        return 2 * x;
    }
}
