package org.perfregression.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.perfregression.data.SubsectionKey;

/**
 * Clustered benchmark samples with known answers: each fork (a JVM) has its own level (a random
 * JIT effect) and runs while the machine has a speed factor (drift) that the calibration kernel sees
 * too, and each iteration adds its own noise. This is the structure the gate must handle and the
 * seed's rule does not.
 */
final class Simulation {

    final Random random;
    /** Fork-to-fork SD of the JIT effect, on the log scale. */
    double forkSd = 0.04;
    /** Iteration noise, on the log scale. */
    double iterationSd = 0.03;
    /** Calibration noise per timing, on the log scale. */
    double calibrationSd = 0.01;
    /** SD of the machine's speed factor per fork, on the log scale; 0 for a steady machine. */
    double driftSd = 0;
    /** Mean of the machine's speed factor, on the log scale: a whole run in a slow phase. */
    double driftMean = 0;
    int samplesPerFork = 25;
    /** Share of forks that settle in a second, slower JIT mode, and how many times slower it is. */
    double slowModeShare = 0;
    double slowModeFactor = 1;
    /** The true level of every subsection {@link #suite} made. */
    final Map<SubsectionKey, Double> levels = new LinkedHashMap<>();

    Simulation(long seed) {
        this.random = new Random(seed);
    }

    /** One subsection: {@code forks} forks around {@code level} ns, the machine's speed factor drawn per fork. */
    ForkedSamples subsection(double level, int forks) {
        return subsection(level, forks, 0);
    }

    /**
     * @param unseenSlowdown a log-scale slowdown of the samples that the calibration does not see
     *     (a transient it missed, or a real regression of the code)
     */
    ForkedSamples subsection(double level, int forks, double unseenSlowdown) {
        List<double[]> samples = new ArrayList<>();
        List<double[]> speeds = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double jit = random.nextGaussian() * forkSd
                    + (slowModeShare > 0 && random.nextDouble() < slowModeShare ? Math.log(slowModeFactor) : 0);
            double machine = driftMean + random.nextGaussian() * driftSd;
            double[] x = new double[samplesPerFork];
            double[] s = new double[samplesPerFork];
            for (int i = 0; i < samplesPerFork; i++) {
                x[i] = level * Math.exp(jit + machine + unseenSlowdown + random.nextGaussian() * iterationSd);
                s[i] = 5000 * Math.exp(machine + random.nextGaussian() * calibrationSd);
            }
            samples.add(x);
            speeds.add(s);
        }
        return new ForkedSamples(samples, speeds);
    }

    /** {@code count} subsections at levels from 1 to 100 ns. */
    Map<SubsectionKey, ForkedSamples> suite(int count, int forks, double unseenSlowdown) {
        Map<SubsectionKey, ForkedSamples> suite = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            SubsectionKey key = new SubsectionKey("rank_" + (i % 6 + 2), "config_" + i);
            levels.put(key, 1.0 + i % 100);
            suite.put(key, subsection(levels.get(key), forks, unseenSlowdown));
        }
        return suite;
    }
}
