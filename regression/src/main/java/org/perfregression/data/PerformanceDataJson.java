package org.perfregression.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The JSON form of {@link PerformanceData}: an object of objects of non-empty arrays of finite
 * numbers, {@code {"section": {"subsection": [1.0, 2.0]}}}.
 *
 * <p>Reading streams the document once (no tree), so that large files cost little more than their
 * doubles, and rejects with one precise line: strings (JMH's {@code "NaN"} included), booleans,
 * nulls, nested arrays, {@code NaN}/{@code Infinity}, numbers beyond a double's range, duplicate
 * keys, content after the top-level object, empty and truncated documents. Every message names the
 * source, the line and column, and the {@code section.subsection[index]} concerned.
 *
 * <p>Writing uses two-space indentation, keeps the order of sections and subsections, puts each
 * subsection's samples on one line, and writes integral values without a fraction (cycle counts
 * stay {@code 18}, not {@code 18.0}).
 */
public final class PerformanceDataJson {

    /** The format is three levels deep; anything much deeper is hostile or broken. */
    private static final int MAX_NESTING = 16;

    /** Integral doubles below this magnitude print as integers and read back to the same double. */
    private static final double EXACT_INTEGER_LIMIT = 0x1p53;

    private static final JsonFactory FACTORY = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build()
            .getFactory()
            .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());

    private PerformanceDataJson() {
    }

    /** Reads a file, streaming (a large file costs its doubles, not its text); errors name it. */
    public static PerformanceData read(Path file) {
        InputFiles.requireReadable(file);
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            return parse(parser, file.toString());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + JsonProblem.describe(e), e);
        }
    }

    /** Parses a document held in memory; errors name it {@code <string>}. */
    public static PerformanceData parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return parse(parser, "<string>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one document from {@code parser}; {@code source} names it in error messages. */
    static PerformanceData parse(JsonParser parser, String source) {
        return new Reader(parser, source).document();
    }

    /** Writes {@code data} in the canonical form described above. */
    public static String write(PerformanceData data) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(printer);
            generator.writeStartObject();
            for (String section : data.sections()) {
                generator.writeObjectFieldStart(section);
                for (String subsection : data.subsections(section)) {
                    generator.writeArrayFieldStart(subsection);
                    Samples samples = data.samples(section, subsection);
                    for (int i = 0; i < samples.size(); i++) {
                        writeNumber(generator, samples.get(i));
                    }
                    generator.writeEndArray();
                }
                generator.writeEndObject();
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void writeNumber(JsonGenerator generator, double value) throws IOException {
        boolean integral = value == Math.rint(value) && Math.abs(value) < EXACT_INTEGER_LIMIT
                && !(value == 0 && 1 / value < 0);
        if (integral) {
            generator.writeNumber((long) value);
        } else {
            generator.writeNumber(value);
        }
    }

    /** One pass over the tokens, keeping track of where it is for the error messages. */
    private static final class Reader {

        private final JsonParser parser;
        private final String source;
        private String section;
        private String subsection;
        private int index = -1;

        Reader(JsonParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        PerformanceData document() {
            PerformanceData.Builder builder = PerformanceData.builder();
            JsonToken token = next();
            if (token == null) {
                throw error("empty document: expected an object of sections");
            }
            expect(token, JsonToken.START_OBJECT, "the top level must be an object of sections");
            while ((token = next()) != JsonToken.END_OBJECT) {
                section = fieldName();
                expect(next(), JsonToken.START_OBJECT, "a section must be an object of subsections");
                builder.requireNonEmptySection(section);
                while ((token = next()) != JsonToken.END_OBJECT) {
                    subsection = fieldName();
                    expect(next(), JsonToken.START_ARRAY, "a subsection must be an array of numbers");
                    builder.put(section, subsection, samples());
                    subsection = null;
                }
                section = null;
            }
            JsonToken trailing = next();
            if (trailing != null) {
                throw error("unexpected content after the top-level object: " + describe(trailing));
            }
            try {
                return builder.build();
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": " + e.getMessage());
            }
        }

        private double[] samples() {
            double[] values = new double[64];
            int count = 0;
            JsonToken token;
            for (index = 0; (token = next()) != JsonToken.END_ARRAY; index++) {
                if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw error("expected a finite number, found " + describe(token));
                }
                double value = doubleValue();
                if (!Double.isFinite(value)) {
                    throw error("the number " + text() + " is beyond the range of a double");
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                values[count++] = value;
            }
            index = -1;
            if (count == 0) {
                throw error("no samples (an empty array)");
            }
            return count == values.length ? values : Arrays.copyOf(values, count);
        }

        private void expect(JsonToken actual, JsonToken expected, String rule) {
            if (actual != expected) {
                throw error(rule + ", found " + describe(actual));
            }
        }

        private JsonToken next() {
            try {
                return parser.nextToken();
            } catch (JsonEOFException e) {
                throw error("truncated document: it ends in the middle of " + where(true), e.getLocation());
            } catch (JsonProcessingException e) {
                throw error("malformed JSON: " + e.getOriginalMessage(), e.getLocation());
            } catch (IOException e) {
                throw new InvalidInputException(source + ": cannot read: " + JsonProblem.describe(e), e);
            }
        }

        private String fieldName() {
            try {
                return parser.currentName();
            } catch (IOException e) {
                throw error("unreadable field name");
            }
        }

        private double doubleValue() {
            try {
                return parser.getDoubleValue();
            } catch (IOException e) {
                throw error("unreadable number " + text());
            }
        }

        private String text() {
            try {
                return abbreviate(parser.getText());
            } catch (IOException e) {
                return "?";
            }
        }

        private String describe(JsonToken token) {
            if (token == null) {
                return "the end of the document";
            }
            return switch (token) {
                case VALUE_STRING -> "the string \"" + text() + "\"";
                case VALUE_TRUE, VALUE_FALSE -> "the boolean " + text();
                case VALUE_NULL -> "null";
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + text();
                default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
            };
        }

        private InvalidInputException error(String problem) {
            return error(problem, parser.currentTokenLocation());
        }

        private InvalidInputException error(String problem, JsonLocation location) {
            String at = location != null && location.getLineNr() > 0 && location.getColumnNr() > 0
                    ? "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": "
                    : "";
            String path = where(false);
            return new InvalidInputException(source + ": " + at + (path.isEmpty() ? "" : path + ": ") + problem);
        }

        /** {@code section.subsection[index]} as far as the reader got. */
        private String where(boolean forTruncation) {
            if (section == null) {
                return forTruncation ? "the top-level object" : "";
            }
            StringBuilder path = new StringBuilder(section);
            if (subsection != null) {
                path.append('.').append(subsection);
                if (index >= 0) {
                    path.append('[').append(index).append(']');
                }
            }
            return path.toString();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
