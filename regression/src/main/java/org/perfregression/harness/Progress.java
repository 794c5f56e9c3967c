package org.perfregression.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.perfregression.jmh.BenchmarkName;

/**
 * JMH's output, split in two: the full log goes to a file (JMH's own text format), the terminal gets
 * one line per fork: {@code [ 12/564] pass 1/2  constructor rank=3 config=SHARDED_ACCESSOR_0110101
 * 0:41 elapsed, ~8:10 left}. Remembers what is running so that a
 * failure can be named.
 */
public final class Progress implements OutputFormat {

    private final OutputFormat log;
    private final PrintStream terminal;
    private final int total;
    private final long start = System.nanoTime();
    private int started;
    private BenchmarkParams current;
    private String phase = "";

    public Progress(OutputFormat log, PrintStream terminal, int total) {
        this.log = log;
        this.terminal = terminal;
        this.total = total;
    }

    /** Names what the next lines belong to, e.g. {@code pass 2/6}. */
    public void phase(String phase) {
        this.phase = phase;
    }

    /** How many forks have started. */
    public int started() {
        return started;
    }

    /** The benchmark and parameters running now, e.g. {@code constructor rank=3 config=...}; null before the first. */
    public String current() {
        return current == null ? null : describe(current);
    }

    public static String describe(BenchmarkParams params) {
        String method = BenchmarkName.methodName(params.getBenchmark());
        String values = params.getParamsKeys().stream()
                .map(k -> k + "=" + params.getParam(k))
                .collect(Collectors.joining(" "));
        return values.isEmpty() ? method : method + " " + values;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        current = params;
        started++;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String left = started > 1
                ? ", ~" + clock(elapsed.multipliedBy(total - started + 1).dividedBy(started - 1)) + " left"
                : "";
        int width = String.valueOf(total).length();
        terminal.printf("[%" + width + "d/%d] %s%s  %s elapsed%s%n", started, total,
                phase.isEmpty() ? "" : phase + "  ", describe(params), clock(elapsed), left);
        terminal.flush();
        log.startBenchmark(params);
    }

    private static String clock(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
    }

    /** JMH closes its output after every run; the log stays open for the next fork (its owner closes it). */
    @Override
    public void close() {
        log.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
