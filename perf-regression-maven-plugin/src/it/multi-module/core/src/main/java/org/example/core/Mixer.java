package org.example.core;

/** What the benchmarks of the other module measure. */
public final class Mixer {

    private Mixer() {
    }

    public static long mix(long x, int rounds) {
        for (int i = 0; i < rounds; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }
}
