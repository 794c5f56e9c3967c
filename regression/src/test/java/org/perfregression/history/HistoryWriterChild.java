package org.perfregression.history;

import java.util.Random;

/**
 * A writer the killed-writer test starts in a JVM of its own: records runs of {@code args[1]}
 * subsections into {@code args[0]} until it is killed, printing {@code recorded <id>} after each.
 */
public final class HistoryWriterChild {

    public static void main(String[] args) {
        int subsections = Integer.parseInt(args[1]);
        Random random = new Random(7);
        try (HistoryStore store = HistoryStore.open(args[0])) {
            for (int i = 0; ; i++) {
                long id = store.record(Runs.run(i, subsections, 0.02, Integer.MAX_VALUE, 0, 0, random));
                System.out.println("recorded " + id);
                System.out.flush();
            }
        }
    }
}
