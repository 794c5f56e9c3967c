package org.perfregression.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** Jackson's messages span lines and quote the source; a user gets one line with the place instead. */
public final class JsonProblem {

    private JsonProblem() {
    }

    /** E.g. {@code Unexpected character ('"'): was expecting comma (line 3, column 12)}. */
    public static String describe(IOException e) {
        if (e instanceof JsonProcessingException json) {
            String where = json.getLocation() == null || json.getLocation().getLineNr() < 0 ? ""
                    : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
            return json.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ") + where;
        }
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }
}
