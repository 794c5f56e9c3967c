package org.perfregression.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.perfregression.check.CheckResult;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.PerformanceData;
import org.perfregression.report.ReportFormat;
import org.perfregression.report.ReportInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code compare}: the verdict of a current run against its baseline, with a CI exit code. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 100,
        description = "Compares current benchmark samples with a baseline, subsection by subsection. A subsection "
                + "regresses when its median moved beyond the noise band in the worse direction and the "
                + "Mann-Whitney U test finds the change significant.",
        footer = {"", "Exit codes: 0 no regression, 1 regression, 2 invalid input or usage."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-b", "--baseline"}, required = true, paramLabel = "FILE",
            description = "Baseline PerformanceData JSON (the ground truth).")
    Path baseline;

    @Option(names = {"-c", "--current"}, required = true, paramLabel = "FILE",
            description = "Current PerformanceData JSON (the run under test).")
    Path current;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Report format: text (an aligned table) or json (default: text).")
    ReportFormat format = ReportFormat.TEXT;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    @Mixin
    RuleOptions ruleOptions;

    @Option(names = "--lenient",
            description = "Compare what both sides have: baseline subsections missing from current fail the gate, "
                    + "new ones are listed, unequal sample counts are compared. "
                    + "Default: any difference in structure is an error.")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        PerformanceData baselineData = load(baseline);
        PerformanceData currentData = load(current);
        CheckResult result = ruleOptions.check().withLenient(lenient).compare(baselineData, currentData);
        ReportInput input = new ReportInput(result, baselineData, currentData,
                baseline.toString(), current.toString(), List.of());
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            format.create(Terminal.colour()).write(input, out);
            out.flush();
        } else {
            StringWriter text = new StringWriter();
            format.create(false).write(input, text);
            AtomicFiles.write(output, text.toString(), AtomicFiles.WriteMode.REPLACE);
            out.println(result.summary().oneLine() + " (report: " + output + ")");
            out.flush();
        }
        return result.failed() ? ExitCode.REGRESSION : ExitCode.OK;
    }

    private PerformanceData load(Path file) {
        PerformanceData data = PerformanceData.fromJsonFile(file);
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : data.warnings()) {
            err.println("warning: " + file + ": " + warning);
        }
        err.flush();
        return data;
    }
}
