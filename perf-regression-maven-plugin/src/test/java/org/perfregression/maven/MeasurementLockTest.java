package org.perfregression.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondModuleWaitsUntilTheFirstHasMeasured() throws Exception {
        Path file = dir.resolve("measure.lock");
        List<String> told = new CopyOnWriteArrayList<>();
        AtomicBoolean firstDone = new AtomicBoolean();
        CompletableFuture<Boolean> second;
        try (MeasurementLock first = MeasurementLock.acquire(file, told::add)) {
            second = CompletableFuture.supplyAsync(() -> {
                try (MeasurementLock lock = MeasurementLock.acquire(file, told::add)) {
                    return firstDone.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(600);
            assertFalse(second.isDone(), "the second module waits");
            firstDone.set(true);
        }
        assertTrue(second.get(10, TimeUnit.SECONDS), "it ran only after the first had released the lock");
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.get(0).contains("waiting for them to finish"), told.get(0));
    }

    @Test
    void theLockCanBeTakenAgainOnceReleased() throws Exception {
        Path file = dir.resolve("measure.lock");
        List<String> told = new CopyOnWriteArrayList<>();
        MeasurementLock.acquire(file, told::add).close();
        MeasurementLock.acquire(file, told::add).close();
        assertEquals(List.of(), told);
    }
}
