package org.perfregression.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where benchmark numbers hold. Timings measured on one operating system, architecture, core count
 * or Java version say little about another, so baselines are kept per {@link #id() platform id}
 * and a comparison across platforms is refused unless the user accepts it as advisory.
 *
 * @param os operating system name, lower case, e.g. {@code linux}
 * @param arch CPU architecture as Java names it, e.g. {@code amd64}
 * @param cpus available processors
 * @param javaMajor Java feature version, e.g. 17
 * @param cpuModel the processor's model name where known (descriptive, not part of the id)
 * @param jvmVendor the JVM's vendor (descriptive)
 * @param jvmVersion the JVM's full version (descriptive)
 */
public record Platform(String os, String arch, int cpus, int javaMajor, String cpuModel, String jvmVendor,
        String jvmVersion) {

    /** The platform of this JVM. */
    public static Platform current() {
        return new Platform(
                System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ""),
                System.getProperty("os.arch", "unknown"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().feature(),
                readCpuModel(),
                System.getProperty("java.vm.vendor", "unknown"),
                System.getProperty("java.vm.version", "unknown"));
    }

    /** E.g. {@code linux-amd64-2cpu-jdk17}: what must match for timings to be comparable. */
    public String id() {
        return os + "-" + arch + "-" + cpus + "cpu-jdk" + javaMajor;
    }

    /** Each way {@code other} differs in what the id covers, e.g. {@code cpus: 2 vs 8}. */
    public List<String> differences(Platform other) {
        List<String> differences = new ArrayList<>();
        compare(differences, "os", os, other.os);
        compare(differences, "arch", arch, other.arch);
        compare(differences, "cpus", cpus, other.cpus);
        compare(differences, "java", javaMajor, other.javaMajor);
        return differences;
    }

    /** The fields in a stable order, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id());
        map.put("os", os);
        map.put("arch", arch);
        map.put("cpus", cpus);
        map.put("java_major", javaMajor);
        map.put("cpu_model", cpuModel);
        map.put("jvm_vendor", jvmVendor);
        map.put("jvm_version", jvmVersion);
        return map;
    }

    /** The inverse of {@link #toMap()}; missing descriptive fields become {@code unknown}. */
    public static Platform fromMap(Map<String, Object> map, String source) {
        Object os = map.get("os");
        Object arch = map.get("arch");
        Object cpus = map.get("cpus");
        Object java = map.get("java_major");
        if (!(os instanceof String) || !(arch instanceof String) || !(cpus instanceof Number) || !(java instanceof Number)) {
            throw new org.perfregression.data.InvalidInputException(source
                    + ": platform needs os and arch (strings), cpus and java_major (numbers)");
        }
        return new Platform((String) os, (String) arch, ((Number) cpus).intValue(), ((Number) java).intValue(),
                String.valueOf(map.getOrDefault("cpu_model", "unknown")),
                String.valueOf(map.getOrDefault("jvm_vendor", "unknown")),
                String.valueOf(map.getOrDefault("jvm_version", "unknown")));
    }

    private static void compare(List<String> differences, String what, Object mine, Object theirs) {
        if (!mine.equals(theirs)) {
            differences.add(what + ": " + mine + " vs " + theirs);
        }
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the model is descriptive only
        }
        return "unknown";
    }
}
