package org.perfregression.data;

import java.nio.file.Path;

/**
 * Names that become file or folder names (a platform id, a benchmark method) come from users and
 * from result files: one with a separator, {@code ..} or a control character could write outside its
 * folder or forge terminal output, so each is checked before it touches the file system.
 */
public final class FileNames {

    private static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    /**
     * Returns {@code name} if it is a plain file name: not empty, not {@code .} or {@code ..}, no
     * {@code /} or {@code \}, no control characters, at most 200 characters.
     *
     * @param what what the name is, for the message, e.g. {@code "--platform"}
     * @throws InvalidInputException saying why it is not
     */
    public static String requirePlain(String name, String what) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidInputException(what + " " + quoted(name) + ": not usable as a file name (" + problem + ")");
        }
        return name;
    }

    /** Returns {@code folder} if its name has no control characters (separators are what folders have). */
    public static Path requireFolder(Path folder, String what) {
        String text = folder.toString();
        if (text.isEmpty() || text.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidInputException(what + " " + quoted(text) + ": not usable as a folder name "
                    + (text.isEmpty() ? "(empty)" : "(control characters)"));
        }
        return folder;
    }

    private static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "a reference to a folder";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "contains a path separator";
        }
        if (name.chars().anyMatch(c -> Character.isISOControl(c))) {
            return "contains a control character";
        }
        if (name.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /** The name in quotes, shortened; its control characters show escaped, as in every {@link InvalidInputException}. */
    private static String quoted(String name) {
        if (name == null) {
            return "null";
        }
        return "\"" + (name.length() > 80 ? name.substring(0, 80) + "..." : name) + "\"";
    }
}
