package org.perfregression.platform;

import java.util.List;

/**
 * Refuses a comparison across platforms, or lets it through marked advisory: timings from another
 * operating system, architecture, core count or Java version say nothing about the code.
 */
public final class PlatformGuard {

    private PlatformGuard() {
    }

    /**
     * @param baseline where the baseline was measured
     * @param current where the current data was measured
     * @param allowMismatch whether a difference makes the comparison advisory instead of refused
     * @param remedy how to get comparable data, for the refusal message
     * @return the notes every report must show: empty when the platforms agree
     * @throws PlatformMismatchException when they differ and that is not allowed
     */
    public static List<String> check(Platform baseline, Platform current, boolean allowMismatch, String remedy) {
        List<String> differences = baseline.differences(current);
        if (differences.isEmpty()) {
            return List.of();
        }
        String message = "baseline and current were measured on different platforms (" + String.join(", ", differences)
                + ")";
        if (!allowMismatch) {
            throw new PlatformMismatchException(message + "; " + remedy
                    + ", or pass --allow-platform-mismatch for an advisory comparison");
        }
        return List.of("advisory: " + message + "; the verdict does not gate");
    }
}
