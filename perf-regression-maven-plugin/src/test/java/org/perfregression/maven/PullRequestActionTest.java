package org.perfregression.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite GitHub Action ({@code actions/ab}): it runs the pull-request goal and keeps one
 * comment per pull request. GitHub itself is not here, so its API is played by a {@code gh} on the
 * path that records each call and answers as GitHub would (no comment yet, then one with the marker);
 * the script, {@code find}, the body it builds and the calls it makes are the real ones.
 */
class PullRequestActionTest {

    private static final Path ACTION = Path.of(System.getProperty("action.dir", "../actions/ab"));

    @TempDir
    Path work;

    @Test
    void theActionRunsTheGoalAgainstTheBaseAndFailsWithItsExitCode() throws IOException {
        String action = Files.readString(ACTION.resolve("action.yml"));
        assertTrue(action.contains("using: composite"), action);
        assertTrue(action.contains("\"-Dperf.baseline=$PERF_BASELINE\"") && action.contains("perf-regression:ab")
                && action.contains("github.event.pull_request.base.sha"), "the goal, against the pull request's base");
        assertTrue(action.contains("exit \"${{ steps.ab.outputs.exit-code }}\""), "the job fails as the build did");
        assertTrue(action.contains("$GITHUB_ACTION_PATH/post-comment.sh"), "the comment step runs the script");
    }

    @Test
    void everyModulesCommentIsPostedOnceThenUpdated() throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        for (String module : List.of("bench-a", "bench-b")) {
            Path dir = Files.createDirectories(project.resolve(module).resolve("target/perf-regression/ab"));
            Files.writeString(dir.resolve("comment.md"), "## Performance check: passed " + module + "\n");
        }
        Path calls = work.resolve("calls.log");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path existing = work.resolve("existing-id");
        // gh api ...: the listing answers the id in existing-id (none at first); every call is recorded,
        // with the body file's content where one is given.
        Path gh = Files.writeString(bin.resolve("gh"), """
                #!/usr/bin/env bash
                echo "gh $*" >> "%s"
                for a in "$@"; do case "$a" in body=@*) cat "${a#body=@}" >> "%s";; esac; done
                case "$*" in *--paginate*) [ -f "%s" ] && cat "%s";; esac
                exit 0
                """.formatted(calls, calls, existing, existing));
        Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwxr-xr-x"));

        run(project, bin);
        String first = Files.readString(calls);
        assertTrue(first.contains("gh api --method POST repos/owner/repo/issues/42/comments"), first);
        assertTrue(first.contains("<!-- perf-regression-ab -->") && first.contains("### bench-a")
                && first.contains("passed bench-a") && first.contains("### bench-b"), "one body, every module: " + first);

        Files.writeString(existing, "1234\n");
        Files.delete(calls);
        run(project, bin);
        String second = Files.readString(calls);
        assertTrue(second.contains("gh api --method PATCH repos/owner/repo/issues/comments/1234")
                && !second.contains("--method POST"), "the earlier comment is updated: " + second);
    }

    private static void run(Path project, Path bin) throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("bash", ACTION.resolve("post-comment.sh").toAbsolutePath().toString())
                .directory(project.toFile()).redirectErrorStream(true);
        script.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        script.environment().put("GITHUB_REPOSITORY", "owner/repo");
        script.environment().put("PR_NUMBER", "42");
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
