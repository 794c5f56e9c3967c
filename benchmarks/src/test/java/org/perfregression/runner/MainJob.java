package org.perfregression.runner;

import org.perfregression.cli.MainJobCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.perfregression.cli.Main;
import picocli.CommandLine;

/** Runs the main job in this JVM, keeping what it printed: for tests that need no JMH run. */
record MainJob(int exitCode, String out, String err) {

    static synchronized MainJob run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintWriter errWriter = new PrintWriter(err, true)) {
            System.setOut(capture);
            CommandLine commandLine = MainJobCommand.commandLine(BenchmarksMain.ACCESSOR);
            commandLine.setErr(errWriter);
            code = Main.execute(commandLine, args);
        } finally {
            System.setOut(original);
        }
        return new MainJob(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
