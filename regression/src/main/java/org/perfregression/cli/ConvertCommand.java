package org.perfregression.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InputFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.input.Dataset;
import org.perfregression.input.Sidecar;
import org.perfregression.jmh.JmhResultReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code convert}: a JMH result file as PerformanceData, with its unit and platform beside it. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 100,
        sortOptions = false,
        description = "Turns a JMH result file (-rf json) into PerformanceData: every measured iteration of every "
                + "fork becomes a sample. Writes OUTPUT and, beside it, OUTPUT.meta.json with the unit and the "
                + "platform, so that a later compare knows which way is better and where it was measured.",
        footer = {"", "Example: convert --input jmh-result.json --output gt/mybench.json --section-param size",
            "", "Exit codes: 0 written, 2 invalid input or usage."})
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "JMH.json", description = "JMH result file.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DATA.json",
            description = "PerformanceData file to write (atomically), with OUTPUT.meta.json beside it; "
                    + "- writes the data to standard output (without the sidecar).")
    Path output;

    @Option(names = "--force", description = "Replace OUTPUT and its sidecar if they exist.")
    boolean force;

    @Mixin
    InputOptions inputOptions;

    @Override
    public Integer call() throws IOException {
        InputFiles.requireReadable(input);
        if (!JmhResultReader.looksLikeJmh(input)) {
            throw new InvalidInputException(input + ": not a JMH result file (expected the JSON array that -rf json writes)");
        }
        Dataset dataset = inputOptions.loader().load(input);
        if (ReportTarget.STANDARD_OUTPUT.contains(output.toString())) {
            spec.commandLine().getOut().print(dataset.data().toJsonString());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("convert: unit " + (dataset.unit() == null ? "unknown" : dataset.unit())
                    + " and platform not kept: standard output has no sidecar");
            return ExitCode.OK;
        }
        if (InputFiles.sameFile(input, output)) {
            throw new InvalidInputException(output + ": that is the input file; refusing to overwrite it");
        }
        Path sidecar = Sidecar.pathFor(output);
        AtomicFiles.WriteMode mode = force ? AtomicFiles.WriteMode.REPLACE : AtomicFiles.WriteMode.CREATE_NEW;
        for (Path file : new Path[] {output, sidecar}) {
            if (!force && java.nio.file.Files.exists(file)) {
                throw new InvalidInputException(file + " exists already; pass --force to replace it");
            }
        }
        try {
            dataset.data().toJsonFile(output, mode);
            new Sidecar(dataset.unit(), dataset.platform()).write(sidecar, java.util.Map.of(), mode);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(e.getFile() + " exists already; pass --force to replace it");
        }
        spec.commandLine().getOut().println("wrote " + output + " (" + dataset.data() + ", unit "
                + (dataset.unit() == null ? "unknown" : dataset.unit()) + ") and " + Sidecar.pathFor(output));
        return ExitCode.OK;
    }
}
