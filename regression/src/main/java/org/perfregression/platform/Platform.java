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
 * <p>Any field may be unknown (null): a JMH result file, for instance, names the JVM but not the
 * machine. Only fields known on both sides are compared.
 *
 * @param os operating system name, lower case, e.g. {@code linux}
 * @param arch CPU architecture as Java names it, e.g. {@code amd64}
 * @param cpus available processors
 * @param javaMajor Java feature version, e.g. 17
 * @param cpuModel the processor's model name where known (descriptive, not part of the id)
 * @param jvmVendor the JVM's vendor (descriptive)
 * @param jvmVersion the JVM's full version (descriptive)
 */
public record Platform(String os, String arch, Integer cpus, Integer javaMajor, String cpuModel, String jvmVendor,
        String jvmVersion) {

    /** Nothing known. */
    public static final Platform UNKNOWN = new Platform(null, null, null, null, null, null, null);

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

    /** What a JMH result file tells: the Java version and the VM, nothing of the machine. */
    public static Platform ofJvm(String jdkVersion, String vmName, String vmVersion) {
        Integer major = null;
        // A version from a file: a major of more than four digits is no Java there will be.
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("^(1\\.)?(\\d{1,4})(\\D.*)?$")
                .matcher(jdkVersion == null ? "" : jdkVersion);
        if (version.matches()) {
            major = Integer.valueOf(version.group(2));
        }
        return new Platform(null, null, null, major, null, vmName, vmVersion);
    }

    /**
     * This machine's platform with the Java that a JMH run reports: JMH's {@code -jvm} may run the
     * benchmarks on another JDK than the one running the harness, and the results belong to that one.
     */
    public Platform runningJvm(String jdkVersion, String vmName, String vmVersion) {
        Integer major = ofJvm(jdkVersion, vmName, vmVersion).javaMajor();
        if (major == null || major.equals(javaMajor)) {
            return this;
        }
        return new Platform(os, arch, cpus, major, cpuModel, vmName, vmVersion);
    }

    /** As {@link #runningJvm(String, String, String)}, from a JMH result's run fields ({@code jdkVersion}, ...). */
    public Platform runningJvm(Map<String, String> jmhRun) {
        return runningJvm(jmhRun.get("jdkVersion"), jmhRun.get("vmName"), jmhRun.get("vmVersion"));
    }

    /** E.g. {@code linux-amd64-2cpu-jdk17}: what must match for timings to be comparable. */
    public String id() {
        return orUnknown(os) + "-" + orUnknown(arch) + "-" + orUnknown(cpus) + "cpu-jdk" + orUnknown(javaMajor);
    }

    private static String orUnknown(Object value) {
        return value == null ? "unknown" : value.toString();
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

    /** The fields in a stable order, for JSON; unknown ones are null. */
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

    /** The inverse of {@link #toMap()}; absent fields are unknown. */
    public static Platform fromMap(Map<String, Object> map, String source) {
        try {
            return new Platform(text(map, "os"), text(map, "arch"), number(map, "cpus"), number(map, "java_major"),
                    text(map, "cpu_model"), text(map, "jvm_vendor"), text(map, "jvm_version"));
        } catch (ClassCastException e) {
            throw new org.perfregression.data.InvalidInputException(source
                    + ": platform: os, arch, cpu_model, jvm_vendor and jvm_version are strings, cpus and java_major numbers");
        }
    }

    private static String text(Map<String, Object> map, String key) {
        return (String) map.get(key);
    }

    private static Integer number(Map<String, Object> map, String key) {
        Number value = (Number) map.get(key);
        return value == null ? null : value.intValue();
    }

    private static void compare(List<String> differences, String what, Object mine, Object theirs) {
        if (mine != null && theirs != null && !mine.equals(theirs)) {
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
