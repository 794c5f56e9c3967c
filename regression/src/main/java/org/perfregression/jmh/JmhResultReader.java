package org.perfregression.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.InputFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.JsonProblem;

/**
 * Reads JMH's JSON result files ({@code -rf json}).
 *
 * <p>Samples are the measurement iterations of every fork, in order: {@code rawData} as it is in
 * throughput and average-time modes; in sample mode {@code rawDataHistogram} expanded, each value
 * repeated by its count; in single-shot mode divided by the batch size, because JMH records the time
 * of a whole batch there. JMH's strings for non-finite numbers ({@code "NaN"}, {@code "+INF"},
 * {@code "-INF"}) are an error naming the benchmark, as is a file without raw data
 * ({@code -Djmh.json.rawData=false}) or an empty one (JMH creates the file when a run starts and
 * fills it at the end: an aborted run leaves 0 bytes).
 */
public final class JmhResultReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] RUN_FIELDS = {"jmhVersion", "jdkVersion", "vmName", "vmVersion", "forks", "threads",
        "warmupIterations", "warmupTime", "measurementIterations", "measurementTime"};

    /** Samples per result beyond which a file is refused: a few kilobytes of histogram must not take gigabytes. */
    public static final long MAX_SAMPLES = 10_000_000;

    private JmhResultReader() {
    }

    /** Whether {@code file} looks like a JMH result file: a JSON array whose first entry names a benchmark. */
    public static boolean looksLikeJmh(Path file) {
        if (!Files.isRegularFile(file)) {
            return false; // opening a FIFO to peek would block
        }
        try {
            String head = new String(readHead(file), java.nio.charset.StandardCharsets.UTF_8);
            return head.replaceFirst("^\uFEFF", "").stripLeading().startsWith("[");
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readHead(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(256);
        }
    }

    /** Reads every result of {@code file}. */
    public static List<JmhResult> read(Path file) {
        String name = file.toString();
        InputFiles.requireReadable(file);
        JsonNode root;
        try {
            if (Files.size(file) == 0) {
                throw new InvalidInputException(name + ": empty JMH result file: the run was aborted or failed "
                        + "before JMH wrote its results (JMH creates the file at the start and fills it at the end)");
            }
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(name + ": malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + JsonProblem.describe(e), e);
        }
        return parse(root, name);
    }

    /** Reads results from a parsed document; {@code source} names it in messages. */
    public static List<JmhResult> parse(JsonNode root, String source) {
        if (root == null || !root.isArray()) {
            throw new InvalidInputException(source + ": not a JMH result file: expected a JSON array of benchmark results");
        }
        if (root.isEmpty()) {
            throw new InvalidInputException(source + ": the JMH result file has no benchmark results");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            results.add(entry(root.get(i), source + ": result " + i));
        }
        return results;
    }

    private static JmhResult entry(JsonNode node, String where) {
        String benchmark = text(node, "benchmark", where);
        String mode = text(node, "mode", where);
        String at = where + " (" + benchmark + ", " + mode + ")";
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = node.get("params");
        if (paramsNode != null && paramsNode.isObject()) {
            paramsNode.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode primary = node.get("primaryMetric");
        if (primary == null || !primary.isObject()) {
            throw new InvalidInputException(at + ": no primaryMetric");
        }
        int batchSize = "ss".equals(mode) ? Math.max(1, node.path("measurementBatchSize").asInt(1)) : 1;
        List<double[]> samples = samples(primary, at + ": primaryMetric", batchSize, true);

        Map<String, List<double[]>> secondary = new LinkedHashMap<>();
        Map<String, String> secondaryUnits = new LinkedHashMap<>();
        JsonNode secondaryNode = node.get("secondaryMetrics");
        if (secondaryNode != null && secondaryNode.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = secondaryNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> metric = fields.next();
                secondary.put(metric.getKey(),
                        samples(metric.getValue(), at + ": secondary metric " + metric.getKey(), 1, false));
                secondaryUnits.put(metric.getKey(), metric.getValue().path("scoreUnit").asText(""));
            }
        }
        Map<String, String> run = new LinkedHashMap<>();
        for (String field : RUN_FIELDS) {
            if (node.hasNonNull(field)) {
                run.put(field, node.get(field).asText());
            }
        }
        if (node.has("jvmArgs") && node.get("jvmArgs").isArray()) {
            List<String> args = new ArrayList<>();
            node.get("jvmArgs").forEach(a -> args.add(a.asText()));
            run.put("jvmArgs", String.join(" ", args));
        }
        return new JmhResult(benchmark, mode, params, primary.path("scoreUnit").asText(""), samples,
                secondary, secondaryUnits, run);
    }

    /** The per-fork samples of a metric; {@code required}: whether no raw data is an error. */
    private static List<double[]> samples(JsonNode metric, String where, int batchSize, boolean required) {
        JsonNode raw = metric.get("rawData");
        JsonNode histogram = metric.get("rawDataHistogram");
        List<double[]> forks = new ArrayList<>();
        if (raw != null && raw.isArray()) {
            for (int f = 0; f < raw.size(); f++) {
                JsonNode fork = raw.get(f);
                if (!fork.isArray()) {
                    throw new InvalidInputException(where + " fork " + f + ": rawData must hold an array of numbers per fork");
                }
                double[] values = new double[fork.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = number(fork.get(i), where + " fork " + f + " iteration " + i) / batchSize;
                }
                forks.add(values);
            }
        } else if (histogram != null && histogram.isArray()) {
            long total = 0;
            for (int f = 0; f < histogram.size(); f++) {
                total += histogramCount(histogram.get(f), where + " fork " + f, total);
            }
            for (int f = 0; f < histogram.size(); f++) {
                forks.add(expand(histogram.get(f), batchSize));
            }
        } else if (required) {
            throw new InvalidInputException(where + ": no raw data (rawData or rawDataHistogram); "
                    + "was the run made with -Djmh.json.rawData=false? The verdict needs every sample");
        }
        if (required && forks.stream().allMatch(f -> f.length == 0)) {
            throw new InvalidInputException(where + ": no measurement samples");
        }
        return forks;
    }

    /**
     * The samples a fork's histogram expands to, after checking its shape: iterations of bins
     * {@code [value, count]} with a finite value and a non-negative integral count.
     *
     * @param before samples of earlier forks, for the limit
     */
    private static long histogramCount(JsonNode fork, String where, long before) {
        if (!fork.isArray()) {
            throw new InvalidInputException(where + ": rawDataHistogram must hold an array of iterations per fork");
        }
        long total = before;
        for (int it = 0; it < fork.size(); it++) {
            String at = where + " iteration " + it;
            JsonNode iteration = fork.get(it);
            if (!iteration.isArray()) {
                throw new InvalidInputException(at + ": expected an array of [value, count] bins");
            }
            for (int b = 0; b < iteration.size(); b++) {
                JsonNode bin = iteration.get(b);
                if (!bin.isArray() || bin.size() != 2) {
                    throw new InvalidInputException(at + " bin " + b + ": expected [value, count], found " + brief(bin));
                }
                number(bin.get(0), at + " bin " + b);
                JsonNode count = bin.get(1);
                if (!count.isIntegralNumber() || !count.canConvertToLong() || count.asLong() < 0) {
                    throw new InvalidInputException(at + " bin " + b + ": the count must be a non-negative integer, found "
                            + brief(count));
                }
                if (count.asLong() > MAX_SAMPLES - total) { // compared before adding: a huge count must not overflow
                    throw new InvalidInputException(String.format(java.util.Locale.ROOT, "%s: the histogram expands to "
                            + "more than %,d samples, the most this tool holds per result", at, MAX_SAMPLES));
                }
                total += count.asLong();
            }
        }
        return total - before;
    }

    private static double[] expand(JsonNode fork, int batchSize) {
        int n = 0;
        for (JsonNode iteration : fork) {
            for (JsonNode bin : iteration) {
                n += bin.get(1).asInt();
            }
        }
        double[] values = new double[n];
        int i = 0;
        for (JsonNode iteration : fork) {
            for (JsonNode bin : iteration) {
                java.util.Arrays.fill(values, i, i + bin.get(1).asInt(), bin.get(0).asDouble() / batchSize);
                i += bin.get(1).asInt();
            }
        }
        return values;
    }

    private static String brief(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static double number(JsonNode node, String where) {
        if (node == null || !node.isNumber()) {
            String found = node == null ? "nothing" : node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
            throw new InvalidInputException(where + ": expected a finite number, found " + found
                    + (node != null && node.isTextual() ? " (JMH writes non-finite scores as strings)" : ""));
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(where + ": the number " + node + " is beyond the range of a double");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInputException(where + ": missing field '" + field + "'");
        }
        return value.asText();
    }
}
