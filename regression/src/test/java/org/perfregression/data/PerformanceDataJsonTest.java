package org.perfregression.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of bad input gets one precise line naming the file, the position and the subsection. */
class PerformanceDataJsonTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        string sample       | {"r": {"c": [1, "NaN"]}}         | <string>: line 1, column 17: r.c[1]: expected a finite number, found the string "NaN"
        boolean sample      | {"r": {"c": [true]}}             | <string>: line 1, column 14: r.c[0]: expected a finite number, found the boolean true
        null sample         | {"r": {"c": [1, null]}}          | <string>: line 1, column 17: r.c[1]: expected a finite number, found null
        nested array        | {"r": {"c": [[1]]}}              | <string>: line 1, column 14: r.c[0]: expected a finite number, found an array
        NaN literal         | {"r": {"c": [NaN]}}              | <string>: line 1, column 17: r.c[0]: malformed JSON: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow
        Infinity literal    | {"r": {"c": [1, -Infinity]}}     | <string>: line 1, column 26: r.c[1]: malformed JSON: Non-standard token '-Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow
        overflowing number  | {"r": {"c": [1e400]}}            | <string>: line 1, column 14: r.c[0]: the number 1e400 is beyond the range of a double
        duplicate key       | {"r": {"c": [1], "c": [2]}}      | <string>: line 1, column 21: r: malformed JSON: Duplicate field 'c'
        duplicate section   | {"r": {"c": [1]}, "r": {}}       | <string>: line 1, column 22: malformed JSON: Duplicate field 'r'
        trailing content    | {"r": {"c": [1]}} {}             | <string>: line 1, column 19: unexpected content after the top-level object: an object
        trailing garbage    | {"r": {"c": [1]}} x              | <string>: line 1, column 20: malformed JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')
        empty document      | ''                               | <string>: empty document: expected an object of sections
        truncated           | {"r": {"c": [1, 2               | <string>: line 1, column 18: r.c[2]: truncated document: it ends in the middle of r.c[2]
        top-level array     | [1, 2]                           | <string>: line 1, column 1: the top level must be an object of sections, found an array
        section not object  | {"r": [1]}                       | <string>: line 1, column 7: r: a section must be an object of subsections, found an array
        subsection number   | {"r": {"c": 5}}                  | <string>: line 1, column 13: r.c: a subsection must be an array of numbers, found the number 5
        empty subsection    | {"r": {"c": []}}                 | <string>: line 1, column 14: r.c: no samples (an empty array)
        empty section       | {"r": {}}                        | <string>: r: no subsections (an empty object)
        empty object        | {}                               | <string>: no sections: the data is empty
        """)
    void rejectsWithOnePreciseLine(String kind, String json, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PerformanceData.fromJsonString(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void absurdNestingIsRejectedEarly() {
        String deep = "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PerformanceData.fromJsonString(deep));
        assertEquals("<string>: line 1, column 13: a.a: a subsection must be an array of numbers, found an object",
                e.getMessage());
        String deepArrays = "[".repeat(100_000);
        assertThrows(InvalidInputException.class, () -> PerformanceData.fromJsonString(deepArrays));
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        assertEquals(empty + ": empty document: expected an object of sections",
                assertThrows(InvalidInputException.class, () -> PerformanceData.fromJsonFile(empty)).getMessage());
        Path multiline = dir.resolve("bad.json");
        Files.writeString(multiline, "{\n  \"rank_2\": {\n    \"CFG\": [1, 2,\n      \"x\"]\n  }\n}\n");
        assertEquals(multiline + ": line 4, column 7: rank_2.CFG[2]: expected a finite number, found the string \"x\"",
                assertThrows(InvalidInputException.class, () -> PerformanceData.fromJsonFile(multiline)).getMessage());
        Path missing = dir.resolve("missing.json");
        assertEquals(missing + ": no such file",
                assertThrows(InvalidInputException.class, () -> PerformanceData.fromJsonFile(missing)).getMessage());
    }

    @Test
    void aNameWithHalfASurrogatePairIsRefused() throws IOException {
        // JSON can spell \ud800 alone; no UTF-8 report could write it (found by FolderFuzzTest).
        Path file = java.nio.file.Files.createTempDirectory("surrogate").resolve("half.json");
        java.nio.file.Files.writeString(file, "{\"r\": {\"c\\ud800\": [1, 2]}}");
        String message = assertThrows(InvalidInputException.class, () -> PerformanceData.fromJsonFile(file)).getMessage();
        assertTrue(message.contains("subsection c?: a subsection name with half of a UTF-16 surrogate pair (\\ud800)"),
                message);
        assertEquals(2, PerformanceData.fromJsonString("{\"r\": {\"c\\ud83d\\ude00\": [1, 2]}}").samples("r", "c\ud83d\ude00").size(),
                "a whole pair is text");
    }

    @Test
    void readsIntegersFloatsAndExponents() {
        PerformanceData data = PerformanceData.fromJsonString("{\"r\": {\"c\": [18, 18.5, 1e3, -2E-2]}}");
        assertEquals(4, data.samples("r", "c").size());
        assertEquals(1000.0, data.samples("r", "c").get(2));
        assertEquals(-0.02, data.samples("r", "c").get(3));
    }
}
