package org.perfregression.suite;

import java.util.Random;
import org.perfregression.accessor.AccessorSpec;
import org.perfregression.accessor.ArgsConfig;
import org.perfregression.accessor.SuiteShapes;
import org.perfregression.accessor.TensorAccessor;
import org.perfregression.accessor.TensorLayout;

/**
 * What every benchmark of the suite starts from: the tensor of the rank, the configuration's
 * compile-time spec installed as {@link Template#SPEC}, the runtime arguments, a constructed
 * accessor, and pseudo-random pages to look up (so that the page is a real load, not a constant).
 *
 * @param runtimeArgs the "common runtime args" the constructor reads
 * @param accessor an accessor built from them
 * @param pageIds page ids to look up, {@link #PAGES} of them
 * @param pageCoords the coordinates of those pages
 */
public record Fixture(int[] runtimeArgs, TensorAccessor accessor, int[] pageIds, int[][] pageCoords) {

    /** Lookups cycle through this many pages; a power of two so that the index is a mask. */
    public static final int PAGES = 1024;

    /** {@code -Daccessor.slowdown=N} adds N {@code Blackhole.consumeCPU} tokens to every accessor call. */
    public static final String SLOWDOWN_PROPERTY = "accessor.slowdown";

    public static Fixture install(int rank, String configName) {
        TensorLayout layout = SuiteShapes.forRank(rank);
        ArgsConfig config = ArgsConfig.parse(configName);
        int slowdown = Integer.getInteger(SLOWDOWN_PROPERTY, 0);
        Template.Installer.install(AccessorSpec.of(config, layout, slowdown), "rank=" + rank + " config=" + configName);
        int[] args = layout.runtimeArgs(config);
        TensorAccessor accessor = new TensorAccessor(Template.SPEC, args, SuiteShapes.PAGE_SIZE);
        Random random = new Random(42);
        int[] pageIds = new int[PAGES];
        int[][] pageCoords = new int[PAGES][];
        for (int i = 0; i < PAGES; i++) {
            pageIds[i] = random.nextInt(layout.volume());
            pageCoords[i] = layout.pageCoordinate(pageIds[i]);
        }
        return new Fixture(args, accessor, pageIds, pageCoords);
    }
}
