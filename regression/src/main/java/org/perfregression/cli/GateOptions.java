package org.perfregression.cli;

import org.perfregression.data.InvalidInputException;
import org.perfregression.gate.ForkGate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job's gate options: which rule decides (the gate by default), confirmation, and the machine guards. */
final class GateOptions {

    @Mixin
    GateRuleOptions rule = new GateRuleOptions(GateRuleOptions.Rule.gate);

    @Option(names = "--confirm-forks", paramLabel = "N",
            description = "Gate: fresh forks that re-measure each flagged subsection before it fails the run; "
                    + "0 for none (default: ${DEFAULT-VALUE}).")
    int confirmForks = 3;

    @Option(names = "--confirm-max", paramLabel = "N",
            description = "Gate: re-measure at most this many flagged subsections, the largest changes first; the "
                    + "others keep their verdict if most re-measured ones were confirmed (default: ${DEFAULT-VALUE}).")
    int confirmMax = 30;

    @Option(names = "--uniform-forks",
            description = "Gate, a suite with a time budget: spend the whole budget on passes over every subsection "
                    + "alike. Default: the planned passes take half of it and the rest goes, a fork at a time, to the "
                    + "subsections whose interval still reaches past the floor on the regression side, most doubtful "
                    + "first.")
    boolean uniformForks;

    @Option(names = "--machine-tolerance", paramLabel = "PCT",
            description = "Stop with exit 3 when this machine runs the calibration kernel more than this much "
                    + "faster or slower than the machine that made the baselines (default: ${DEFAULT-VALUE}).")
    double machineTolerancePct = 15;

    @Option(names = "--normalise-machine",
            description = "Compare with baselines of a machine that measures differently anyway, every sample "
                    + "scaled by the calibration kernel; every report marks the result advisory.")
    boolean normaliseMachine;

    @Option(names = "--allow-busy",
            description = "Make baselines even though the machine was busy during the run (other processes, or "
                    + "other work on its host that slowed the calibration kernel), and give a regression its "
                    + "verdict even on a machine far busier than when its baselines were made.")
    boolean allowBusy;

    /** The configured gate; bad values are one-line errors naming the option. */
    ForkGate gate() {
        if (confirmForks < 0 || confirmMax < 0) {
            throw new InvalidInputException("--confirm-forks and --confirm-max must be >= 0");
        }
        if (!(machineTolerancePct > 0) || Double.isInfinite(machineTolerancePct)) {
            throw new InvalidInputException("--machine-tolerance must be a positive percentage, got " + machineTolerancePct);
        }
        return rule.forkGate();
    }

    /** The gate over a comparison in {@code direction}, with the run tolerance. */
    org.perfregression.gate.GateCheck check(org.perfregression.check.Direction direction) {
        gate();
        return rule.check(direction);
    }
}
