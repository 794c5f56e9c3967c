package org.perfregression.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * How much CPU other processes used while we measured: the machine's busy time from
 * {@code /proc/stat} minus this JVM's and its reaped children's (the forked benchmark JVMs) from
 * {@code /proc/self/stat}. A second process spinning on one of two cores shows as about 50 %.
 * Steal time (another virtual machine on the host) counts as busy, but on the project's machines the
 * kernel reports almost none even when the host is busy: that drift is what the calibration kernel
 * is for.
 *
 * <p>On a system without {@code /proc} every reading is unknown (NaN), never a false alarm.
 */
public final class MachineLoad {

    /** Busy and total jiffies of the whole machine, and the jiffies of this process and its children. */
    public record Reading(long machineBusy, long machineTotal, long own) {
    }

    private final Supplier<Reading> source;
    private Reading last;

    public MachineLoad(Supplier<Reading> source) {
        this.source = source;
        this.last = source.get();
    }

    /** Reads this machine's {@code /proc}. */
    public static MachineLoad ofThisMachine() {
        return new MachineLoad(MachineLoad::readProc);
    }

    /**
     * Other processes' share of the machine's CPU since the last call (or construction), in % of all
     * cores: 0 idle, 100 every core busy with something else. NaN when unknown.
     */
    public double otherSinceLast() {
        Reading now = source.get();
        double share = otherShare(last, now);
        last = now;
        return share;
    }

    static double otherShare(Reading before, Reading after) {
        if (before == null || after == null) {
            return Double.NaN;
        }
        long total = after.machineTotal() - before.machineTotal();
        if (total <= 0) {
            return Double.NaN;
        }
        long other = (after.machineBusy() - before.machineBusy()) - (after.own() - before.own());
        return Math.max(0, Math.min(100, 100.0 * other / total));
    }

    /** One reading of {@code /proc}, or null where there is none. */
    static Reading readProc() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) {
                    busy += v;
                }
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may contain spaces), counted from field 3 (state).
            String[] s = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
            long own = Long.parseLong(s[11]) + Long.parseLong(s[12]) + Long.parseLong(s[13]) + Long.parseLong(s[14]);
            return new Reading(busy, total, own);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
