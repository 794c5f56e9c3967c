import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.perfregression.check.Direction;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.GateCheck;
import org.perfregression.harness.SuiteResults;

/**
 * What more forks on both sides would buy one benchmark of a set of baselines: its median and 90th
 * percentile MDC over its subsections for baselines of B forks and runs of C forks per subsection,
 * the fork-to-fork noise being the set's own (the gate's MDC, GateCheck.detectable; without the
 * correction for machine phases that metadata.json's figures also get). Usage:
 *
 *   java -cp regression/target/perf-regression.jar scripts/MdcFrontier.java \
 *       gt/accessor_benchmarks/linux-amd64-2cpu-jdk17 pages_iterator 6+2 24+8 24+24 40+40
 */
public class MdcFrontier {
    public static void main(String[] args) {
        SuiteResults results = SuiteResults.ofDataFolder(Path.of(args[0]));
        String benchmark = args[1];
        Map<SubsectionKey, ForkedSamples> forks = results.layouts().get(benchmark)
                .split(results.byBenchmark().get(benchmark), false, args[0]);
        GateCheck check = new GateCheck(ForkGate.withDefaults(), Direction.LOWER_IS_BETTER);
        for (String sides : Arrays.copyOfRange(args, 2, args.length)) {
            int baseline = Integer.parseInt(sides.split("\\+")[0]);
            int current = Integer.parseInt(sides.split("\\+")[1]);
            double[] mdc = check.detectable(forks, key -> baseline - forks.get(key).forkCount(), key -> current)
                    .values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
            System.out.printf("%-24s %3d baseline + %3d current forks: MDC median %5.1f %%, p90 %5.1f %%%n", benchmark,
                    baseline, current, mdc[(int) Math.floor(0.5 * (mdc.length - 1))],
                    mdc[(int) Math.floor(0.9 * (mdc.length - 1))]);
        }
    }
}
