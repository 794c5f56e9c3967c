import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.perfregression.gate.ForkGate;
import org.perfregression.harness.BaselineQuality;
import org.perfregression.harness.SuiteResults;

/**
 * The minimum detectable change a main job of N forks per combination would have against a set of
 * baselines, per benchmark (median and 90th percentile over its subsections), computed as
 * regeneration computes it for metadata.json (BaselineQuality, the gate's MDC). Usage:
 *
 *   java -cp regression/target/perf-regression.jar scripts/MdcByForks.java gt/accessor_benchmarks/PLATFORM 2 4 8
 */
public class MdcByForks {
    public static void main(String[] args) {
        SuiteResults results = SuiteResults.ofDataFolder(Path.of(args[0]));
        System.out.printf("%-28s %s%n", "benchmark", String.join("  ", Arrays.stream(args).skip(1)
                .map(n -> String.format("%8s forks", n)).toList()));
        Map<String, StringBuilder> rows = new LinkedHashMap<>();
        for (String n : Arrays.copyOfRange(args, 1, args.length)) {
            BaselineQuality q = BaselineQuality.of(results, ForkGate.withDefaults(), 0, Integer.parseInt(n), Double.NaN);
            q.mdc().forEach((benchmark, mdc) -> {
                double[] v = mdc.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
                rows.computeIfAbsent(benchmark, b -> new StringBuilder()).append(String.format("  %5.1f / %5.1f %%",
                        v[(int) Math.floor(0.5 * (v.length - 1))], v[(int) Math.floor(0.9 * (v.length - 1))]));
            });
        }
        rows.forEach((b, row) -> System.out.printf("%-28s%s%n", b, row));
    }
}
