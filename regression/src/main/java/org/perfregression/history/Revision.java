package org.perfregression.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit and branch a run measured, when the user does not name them: GitHub Actions'
 * {@code GITHUB_SHA} and {@code GITHUB_REF_NAME}, else {@code git rev-parse} in the working folder.
 *
 * @param commit the commit; null when unknown
 * @param branch the branch; null when unknown or detached
 */
public record Revision(String commit, String branch) {

    /** What the environment or the git checkout at {@code dir} says. */
    public static Revision detect(Path dir) {
        String sha = System.getenv("GITHUB_SHA");
        if (sha != null && !sha.isBlank()) {
            return new Revision(sha, System.getenv("GITHUB_REF_NAME"));
        }
        String commit = git(dir, "rev-parse", "HEAD");
        String branch = git(dir, "rev-parse", "--abbrev-ref", "HEAD");
        return new Revision(commit, "HEAD".equals(branch) ? null : branch);
    }

    private static String git(Path dir, String... args) {
        try {
            // The absolute path: a ProcessBuilder given the empty path "" (the working folder) fails to start.
            Process p = new ProcessBuilder(concat(args)).directory(dir.toAbsolutePath().toFile()).start();
            p.getErrorStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null; // no git here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<String> concat(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return command;
    }
}
