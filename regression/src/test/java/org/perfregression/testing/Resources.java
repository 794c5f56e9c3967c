package org.perfregression.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test resources as files. */
public final class Resources {

    private Resources() {
    }

    public static Path path(String name) {
        try {
            var url = Resources.class.getResource("/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
