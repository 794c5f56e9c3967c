package org.perfregression.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This machine's CPU clock, for an absolute floor under the relative rules: a change of one or two
 * clock cycles per operation is below what any benchmark resolves. (The timer's resolution, tens of
 * nanoseconds per reading, is spread over the millions of operations of a JMH iteration, so it says
 * nothing about how small a per-operation change can be; the clock does.)
 *
 * @param mhz the clock rate in MHz, as the kernel reports it; NaN when unknown
 * @param source where it was read
 */
public record CpuClock(double mhz, String source) {

    private static final Pattern MHZ = Pattern.compile("(?m)^cpu MHz\\s*:\\s*([0-9.]+)");
    /** Used where the clock cannot be read: about two cycles of a 4 GHz core. */
    public static final double FALLBACK_FLOOR_NS = 0.5;

    /** This machine's clock from {@code /proc/cpuinfo}, or unknown. */
    public static CpuClock ofThisMachine() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            Matcher m = MHZ.matcher(Files.readString(cpuinfo));
            if (m.find() && Double.parseDouble(m.group(1)) > 0) {
                return new CpuClock(Double.parseDouble(m.group(1)), cpuinfo.toString());
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no rate: unknown
        }
        return new CpuClock(Double.NaN, "unknown");
    }

    /** The time of {@code cycles} clock cycles in nanoseconds, or {@link #FALLBACK_FLOOR_NS} when the clock is unknown. */
    public double floorNs(int cycles) {
        return Double.isFinite(mhz) ? cycles * 1000 / mhz : FALLBACK_FLOOR_NS;
    }

    /** E.g. {@code 2 cycles at 2100 MHz (/proc/cpuinfo)}. */
    public String describe(int cycles) {
        return Double.isFinite(mhz) ? String.format(Locale.ROOT, "%d cycles at %.0f MHz (%s)", cycles, mhz, source)
                : "the clock is unknown: " + FALLBACK_FLOOR_NS + " ns";
    }
}
