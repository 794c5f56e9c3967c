package org.perfregression.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a POM or {@code -D} value into command-line words as a shell would for plain quoting:
 * whitespace separates, single or double quotes keep a word together ({@code -p "label=a b"}), and
 * the quotes themselves are dropped.
 */
final class Words {

    private Words() {
    }

    /**
     * @param what the parameter's name, for the error
     * @throws IllegalArgumentException on an unterminated quote, naming {@code what}
     */
    static List<String> split(String value, String what) {
        List<String> words = new ArrayList<>();
        if (value == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : value.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(what + ": unterminated " + quote + " in: " + value);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
