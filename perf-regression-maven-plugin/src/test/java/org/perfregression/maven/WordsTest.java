package org.perfregression.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void quotesKeepAWordTogether() {
        assertEquals(List.of("-p", "label=a b", "-p", "size=1,2"), Words.split(" -p \"label=a b\"  -p 'size=1,2' ", "x"));
        assertEquals(List.of("-prof", "gc"), Words.split("-prof\tgc", "x"));
        assertEquals(List.of("a", "", "b"), Words.split("a \"\" b", "x"), "an empty quoted word stays");
        assertEquals(List.of("it's"), Words.split("\"it's\"", "x"));
        assertEquals(List.of(), Words.split(null, "x"));
    }

    @Test
    void anUnterminatedQuoteIsAnErrorNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Words.split("-p \"label=a b", "perf.jmhArgs"));
        assertEquals("perf.jmhArgs: unterminated \" in: -p \"label=a b", e.getMessage());
    }
}
