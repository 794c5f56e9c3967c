package org.perfregression.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Benchmark samples organised as {@code {section: {subsection: [samples]}}}, for example
 * {@code {"rank_2": {"SHARDED_ACCESSOR_0000001": [18, 18, 19, ...]}}}.
 *
 * <p>Immutable. Sections and subsections keep the order in which they were given. Every
 * subsection has at least one finite sample; fewer than {@link #RECOMMENDED_MIN_SAMPLES} are
 * accepted and reported by {@link #warnings()}, as the original tool does.
 */
public final class PerformanceData {

    /** Below this many samples a subsection's statistics are weak: accepted with a warning. */
    public static final int RECOMMENDED_MIN_SAMPLES = 100;

    private final Map<String, Map<String, Samples>> sections;

    private PerformanceData(Map<String, Map<String, Samples>> sections) {
        this.sections = sections;
    }

    /** A builder that keeps insertion order. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * From nested maps of numbers, e.g. parsed JSON.
     *
     * @throws InvalidInputException naming the subsection and the position of a bad value
     */
    public static PerformanceData fromMap(Map<String, ? extends Map<String, ? extends List<? extends Number>>> map) {
        Builder builder = builder();
        map.forEach((section, subsections) -> {
            if (subsections == null) {
                throw new InvalidInputException(section + ": expected an object of subsections, found null");
            }
            subsections.forEach((subsection, values) -> {
                String where = section + "." + subsection;
                if (values == null) {
                    throw new InvalidInputException(where + ": expected an array of numbers, found null");
                }
                double[] samples = new double[values.size()];
                for (int i = 0; i < samples.length; i++) {
                    Number n = values.get(i);
                    if (n == null) {
                        throw new InvalidInputException(where + "[" + i + "]: expected a finite number, found null");
                    }
                    samples[i] = n.doubleValue();
                }
                builder.add(section, subsection, samples);
            });
            if (subsections.isEmpty()) {
                builder.requireNonEmptySection(section);
            }
        });
        return builder.build();
    }

    /** Reads a JSON file; see {@link PerformanceDataJson} for the rules. */
    public static PerformanceData fromJsonFile(Path file) {
        return PerformanceDataJson.read(file);
    }

    /** Parses a JSON document; see {@link PerformanceDataJson} for the rules. */
    public static PerformanceData fromJsonString(String json) {
        return PerformanceDataJson.parse(json);
    }

    /** Writes this data as JSON to {@code file} atomically, replacing any previous file. */
    public void toJsonFile(Path file) throws IOException {
        toJsonFile(file, AtomicFiles.WriteMode.REPLACE);
    }

    /** Writes this data as JSON to {@code file} atomically; {@code mode} says whether it may replace one. */
    public void toJsonFile(Path file, AtomicFiles.WriteMode mode) throws IOException {
        AtomicFiles.write(file, toJsonString(), mode);
    }

    /** Two-space indented JSON, sections and subsections in order, one array per line. */
    public String toJsonString() {
        return PerformanceDataJson.write(this);
    }

    /** Nested, ordered, mutable copies: {@code {section: {subsection: [samples]}}}. */
    public Map<String, Map<String, List<Double>>> toMap() {
        Map<String, Map<String, List<Double>>> map = new LinkedHashMap<>();
        forEach((key, samples) -> map.computeIfAbsent(key.section(), s -> new LinkedHashMap<>())
                .put(key.subsection(), new ArrayList<>(samples.stream().boxed().toList())));
        return map;
    }

    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** @throws IllegalArgumentException if there is no such section */
    public List<String> subsections(String section) {
        return List.copyOf(section(section).keySet());
    }

    public boolean has(String section, String subsection) {
        Map<String, Samples> subsections = sections.get(section);
        return subsections != null && subsections.containsKey(subsection);
    }

    /** @throws IllegalArgumentException naming what is missing */
    public Samples samples(String section, String subsection) {
        Samples samples = section(section).get(subsection);
        if (samples == null) {
            throw new IllegalArgumentException("no subsection '" + subsection + "' in section '" + section + "'");
        }
        return samples;
    }

    public Samples samples(SubsectionKey key) {
        return samples(key.section(), key.subsection());
    }

    public double median(String section, String subsection) {
        return samples(section, subsection).median();
    }

    public double mad(String section, String subsection) {
        return samples(section, subsection).mad();
    }

    public double mean(String section, String subsection) {
        return samples(section, subsection).mean();
    }

    /** Population standard deviation, as numpy's default. */
    public double std(String section, String subsection) {
        return samples(section, subsection).std();
    }

    /** Every subsection in order, section by section. */
    public List<SubsectionKey> keys() {
        List<SubsectionKey> keys = new ArrayList<>();
        forEach((key, samples) -> keys.add(key));
        return keys;
    }

    /** Visits every subsection in order. */
    public void forEach(BiConsumer<SubsectionKey, Samples> action) {
        sections.forEach((section, subsections) -> subsections.forEach(
                (subsection, samples) -> action.accept(new SubsectionKey(section, subsection), samples)));
    }

    /**
     * The subsections {@code keep} accepts, in order; e.g. a baseline cut down to what a partial run
     * measured.
     *
     * @throws InvalidInputException if none is kept
     */
    public PerformanceData select(Predicate<SubsectionKey> keep) {
        Builder builder = builder();
        forEach((key, samples) -> {
            if (keep.test(key)) {
                builder.sections.computeIfAbsent(key.section(), s -> new LinkedHashMap<>()).put(key.subsection(), samples);
            }
        });
        return builder.build();
    }

    public int subsectionCount() {
        return sections.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * What is weak about this data, each kind once: one line counting the subsections with fewer than
     * {@link #RECOMMENDED_MIN_SAMPLES} samples and naming the one with fewest (a file of a million
     * short subsections gives one line, not a million).
     */
    public List<String> warnings() {
        int[] count = {0};
        SubsectionKey[] fewest = {null};
        int[] fewestSize = {Integer.MAX_VALUE};
        forEach((key, samples) -> {
            if (samples.size() < RECOMMENDED_MIN_SAMPLES) {
                count[0]++;
                if (samples.size() < fewestSize[0]) {
                    fewestSize[0] = samples.size();
                    fewest[0] = key;
                }
            }
        });
        if (count[0] == 0) {
            return List.of();
        }
        String advice = "; at least " + RECOMMENDED_MIN_SAMPLES + " are recommended for a reliable verdict";
        return List.of(count[0] == 1
                ? fewest[0] + " has " + fewestSize[0] + " samples" + advice
                : count[0] + " subsections have fewer than " + RECOMMENDED_MIN_SAMPLES + " samples (fewest: "
                        + fewest[0] + " with " + fewestSize[0] + ")" + advice);
    }

    private Map<String, Samples> section(String section) {
        Map<String, Samples> subsections = sections.get(section);
        if (subsections == null) {
            throw new IllegalArgumentException("no section '" + section + "'");
        }
        return subsections;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PerformanceData that && sections.equals(that.sections);
    }

    @Override
    public int hashCode() {
        return sections.hashCode();
    }

    @Override
    public String toString() {
        return "PerformanceData(sections=" + sections.size() + ", subsections=" + subsectionCount() + ")";
    }

    /** Collects sections and subsections in insertion order; {@link #build()} validates. */
    public static final class Builder {

        private final Map<String, Map<String, Samples>> sections = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a subsection; the samples are copied.
         *
         * @throws InvalidInputException if it exists already or a sample is not a finite number
         */
        public Builder add(String section, String subsection, double[] samples) {
            return put(section, subsection, samples.clone());
        }

        /** As {@link #add}, but takes ownership of an array that no one else holds. */
        Builder put(String section, String subsection, double[] samples) {
            requireText(section, "section");
            requireText(subsection, "subsection");
            Map<String, Samples> subsections = sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
            String where = section + "." + subsection;
            if (subsections.containsKey(subsection)) {
                throw new InvalidInputException(where + ": duplicate subsection");
            }
            if (samples.length == 0) {
                throw new InvalidInputException(where + ": no samples (an empty array)");
            }
            for (int i = 0; i < samples.length; i++) {
                if (!Double.isFinite(samples[i])) {
                    throw new InvalidInputException(where + "[" + i + "]: expected a finite number, found " + samples[i]);
                }
            }
            subsections.put(subsection, Samples.adopt(samples));
            return this;
        }

        /**
         * A name must be text that every report can write: JSON's escapes can spell half of a UTF-16
         * surrogate pair, which no UTF-8 report can hold (found by the folder fuzz test: the JSON
         * report failed after the verdict with an encoding exception).
         */
        private static void requireText(String name, String what) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean paired = Character.isHighSurrogate(c) ? i + 1 < name.length()
                        && Character.isLowSurrogate(name.charAt(++i)) : !Character.isLowSurrogate(c);
                if (!paired) {
                    throw new InvalidInputException(String.format("%s %s: a %s name with half of a UTF-16 surrogate "
                            + "pair (\\u%04x), not text", what, Printable.of(name.replaceAll("\\p{Cs}", "?")), what, (int) c));
                }
            }
        }

        /** Sections must not be empty: an empty one is an error when the data is built. */
        Builder requireNonEmptySection(String section) {
            sections.putIfAbsent(section, new LinkedHashMap<>());
            return this;
        }

        /** @throws InvalidInputException if there is no data or a section is empty */
        public PerformanceData build() {
            if (sections.isEmpty()) {
                throw new InvalidInputException("no sections: the data is empty");
            }
            Map<String, Map<String, Samples>> frozen = new LinkedHashMap<>();
            sections.forEach((section, subsections) -> {
                if (subsections.isEmpty()) {
                    throw new InvalidInputException(section + ": no subsections (an empty object)");
                }
                frozen.put(section, Collections.unmodifiableMap(new LinkedHashMap<>(subsections)));
            });
            return new PerformanceData(Collections.unmodifiableMap(frozen));
        }
    }
}
