package org.perfregression.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BiFunction;

/** Runs a command line in-process and keeps what it printed. */
public record Cli(int exitCode, String out, String err) {

    /** {@code main} receives the out and err writers and returns the exit code. */
    public static Cli run(BiFunction<PrintWriter, PrintWriter, Integer> main) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = main.apply(o, e);
        }
        return new Cli(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
