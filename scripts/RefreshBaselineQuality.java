import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.perfregression.gate.ForkGate;
import org.perfregression.harness.BaselineQuality;
import org.perfregression.harness.SuiteResults;

/**
 * Recomputes the "gate" section of a set of baselines' metadata.json (what a main job can detect
 * against them) from the set's own samples and fork layouts, as regeneration computes it
 * (BaselineQuality), after the gate changed; every other field is kept. Usage:
 *
 *   java -cp regression/target/perf-regression.jar scripts/RefreshBaselineQuality.java gt/accessor_benchmarks/PLATFORM 2
 *
 * where 2 is the main job's forks per combination. Prints the new MDC summary.
 */
public class RefreshBaselineQuality {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int currentForks = Integer.parseInt(args[1]);
        BaselineQuality quality = BaselineQuality.of(SuiteResults.ofDataFolder(dir), ForkGate.withDefaults(), 0,
                currentForks, Double.NaN);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path metadata = dir.resolve("metadata.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.readValue(metadata.toFile(), LinkedHashMap.class);
        fields.put("gate", quality.toMetadata().get("gate"));
        Path staged = Files.createTempFile(dir, "metadata", ".json");
        Files.writeString(staged, json.writeValueAsString(fields) + "\n");
        Files.move(staged, metadata, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println(quality.summary());
    }
}
