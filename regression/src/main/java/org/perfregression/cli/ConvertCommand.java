package org.perfregression.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.perfregression.data.AtomicFiles;
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
            description = "PerformanceData file to write (atomically).")
    Path output;

    @Option(names = "--force", description = "Replace OUTPUT if it exists.")
    boolean force;

    @Mixin
    InputOptions inputOptions;

    @Override
    public Integer call() throws IOException {
        if (!JmhResultReader.looksLikeJmh(input)) {
            throw new InvalidInputException(input + ": not a JMH result file (expected the JSON array that -rf json writes)");
        }
        Dataset dataset = inputOptions.loader().load(input);
        try {
            dataset.data().toJsonFile(output, force ? AtomicFiles.WriteMode.REPLACE : AtomicFiles.WriteMode.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(output + " exists already; pass --force to replace it");
        }
        new Sidecar(dataset.unit(), dataset.platform()).writeFor(output);
        spec.commandLine().getOut().println("wrote " + output + " (" + dataset.data() + ", unit "
                + (dataset.unit() == null ? "unknown" : dataset.unit()) + ") and " + Sidecar.pathFor(output));
        return ExitCode.OK;
    }
}
