package org.perfregression.cli;

import picocli.CommandLine.Option;

/** Whether data of different platforms may be compared: one option, declared once for every command. */
public final class PlatformOptions {

    @Option(names = "--allow-platform-mismatch",
            description = "Compare data measured on different platforms (or baselines of another machine); every "
                    + "report marks the result as advisory.")
    boolean allowMismatch;

    public boolean allowMismatch() {
        return allowMismatch;
    }
}
