package org.perfregression.maven;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.plugin.MojoFailureException;
import org.perfregression.data.AtomicFolder;

/**
 * The pull request's other side: the code at the merge base of a git ref and {@code HEAD}, checked
 * out in a temporary worktree (the developer's checkout is never touched) and built there with the
 * same Maven, settings, local repository and JDK as this build. Closing it removes the worktree.
 *
 * @param gitTop the repository's top folder
 * @param worktree the temporary worktree
 * @param ref the ref as given
 * @param commit the merge base, which the worktree holds
 * @param head this checkout's {@code HEAD}
 * @param prefix the reactor's folder below the repository's top ({@code git rev-parse --show-prefix})
 */
record BaselineBuild(Path gitTop, Path worktree, String ref, String commit, String head, String prefix)
        implements AutoCloseable {

    /**
     * Checks {@code ref} out at its merge base with {@code HEAD} in a new worktree.
     *
     * @param reactorRoot the folder of the build's top-level POM
     * @throws MojoFailureException in one line, naming what to do: no git checkout, an unknown ref, no merge base
     */
    static BaselineBuild checkout(String ref, Path reactorRoot) throws MojoFailureException {
        String top = git(reactorRoot, "perf.baseline=" + ref + " needs a git checkout, and " + reactorRoot
                + " is not in one (or give a prebuilt side: -Dperf.baselineJar=PATH)", "rev-parse", "--show-toplevel");
        String prefix = git(reactorRoot, "git rev-parse --show-prefix", "rev-parse", "--show-prefix");
        String head = git(reactorRoot, "this checkout has no commit yet", "rev-parse", "HEAD");
        git(reactorRoot, "perf.baseline=" + ref + ": no such commit here (in CI, fetch it: actions/checkout with "
                + "fetch-depth: 0)", "rev-parse", "--verify", "--quiet", ref + "^{commit}");
        String base = git(reactorRoot, "perf.baseline=" + ref + ": no merge base with HEAD (a shallow clone? in CI, "
                + "actions/checkout with fetch-depth: 0)", "merge-base", ref, "HEAD");
        Path parent;
        try {
            parent = Files.createTempDirectory("perf-regression-baseline");
        } catch (IOException e) {
            throw new MojoFailureException("cannot create a temporary folder for the baseline's worktree: " + e.getMessage());
        }
        Path worktree = parent.resolve(base.substring(0, Math.min(12, base.length())));
        git(Path.of(top), "cannot check out " + base + " in a temporary worktree " + worktree, "worktree", "add",
                "--detach", worktree.toString(), base);
        return new BaselineBuild(Path.of(top), worktree, ref, base, head, prefix);
    }

    /** The worktree's folder of the build's top-level POM. */
    Path reactorRoot() {
        return worktree.resolve(prefix);
    }

    /**
     * The command that builds {@code module} (and the modules it needs) in the worktree to its test
     * classes and writes its test class path to {@code classPathFile}: the running Maven, with this
     * build's settings, toolchains, profiles, local repository, offline flag and {@code -D}
     * properties (but the plugin's own), tests skipped.
     *
     * @param modulePath the module's folder below the top-level POM's; empty for the top-level project itself
     * @param pom the file name of the top-level POM
     * @param module {@code groupId:artifactId}
     * @param sideClasspathGoal this plugin's {@code side-classpath} goal, fully qualified
     */
    List<String> mavenCommand(MavenExecutionRequest request, String localRepository, String pom, String modulePath,
            String module, Path classPathFile, String sideClasspathGoal) {
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-q", "-f",
                reactorRoot().resolve(pom).toString()));
        if (!modulePath.isEmpty()) {
            command.addAll(List.of("-pl", modulePath, "-am"));
        }
        addFile(command, "-s", request.getUserSettingsFile());
        addFile(command, "-gs", request.getGlobalSettingsFile());
        addFile(command, "-t", request.getUserToolchainsFile());
        if (request.isOffline()) {
            command.add("-o");
        }
        List<String> profiles = new ArrayList<>(request.getActiveProfiles());
        request.getInactiveProfiles().forEach(p -> profiles.add("!" + p));
        if (!profiles.isEmpty()) {
            command.addAll(List.of("-P", String.join(",", profiles)));
        }
        Properties user = request.getUserProperties();
        for (String name : user.stringPropertyNames().stream().sorted().toList()) {
            if (!name.startsWith("perf.")) {
                command.add("-D" + name + "=" + user.getProperty(name));
            }
        }
        command.addAll(List.of("-Dmaven.repo.local=" + localRepository, "-DskipTests", "test-compile",
                sideClasspathGoal, "-Dperf.sideModule=" + module, "-Dperf.sideClasspathFile=" + classPathFile));
        return command;
    }

    private static void addFile(List<String> command, String option, File file) {
        if (file != null && file.isFile()) {
            command.addAll(List.of(option, file.getAbsolutePath()));
        }
    }

    /** The running Maven's launcher ({@code maven.home}), else {@code mvn} on the path. */
    private static String maven() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        String home = System.getProperty("maven.home");
        Path launcher = home == null ? null : Path.of(home, "bin", windows ? "mvn.cmd" : "mvn");
        return launcher != null && Files.isExecutable(launcher) ? launcher.toString() : "mvn";
    }

    /** The environment of the Maven that builds the baseline: this build's JDK. */
    static Map<String, String> environment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    /** The class path {@link #mavenCommand} wrote, its entries as {@code java -cp} reads them. */
    static List<Path> classPath(Path file) throws IOException {
        return Arrays.stream(Files.readString(file, StandardCharsets.UTF_8).trim().split(File.pathSeparator))
                .filter(e -> !e.isBlank()).map(Path::of).toList();
    }

    /** Removes the worktree and its temporary folder; git forgets it. */
    @Override
    public void close() {
        try {
            run(gitTop, "worktree", "remove", "--force", worktree.toString());
        } catch (IOException e) {
            // removed below; git's record of it goes with the prune
        }
        try {
            AtomicFolder.deleteTree(worktree.getParent());
            run(gitTop, "worktree", "prune");
        } catch (IOException e) {
            // a stale temporary folder or record only: git prunes its record itself later
        }
    }

    /** {@code git args} in {@code dir}: its output, trimmed; a failure is {@code what} and git's own first line. */
    private static String git(Path dir, String what, String... args) throws MojoFailureException {
        Result result;
        try {
            result = run(dir, args);
        } catch (IOException e) {
            throw new MojoFailureException(what + " (cannot run git: " + e.getMessage() + ")");
        }
        if (result.status() != 0) {
            String reason = result.errors().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
            throw new MojoFailureException(what + (reason.isEmpty() ? "" : " (git: " + reason.trim() + ")"));
        }
        return result.output().trim();
    }

    private record Result(int status, String output, String errors) {
    }

    private static Result run(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(process.getErrorStream(), errors));
        drain.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            drain.join();
            return new Result(process.waitFor(), output, errors.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // what arrived is what git said
        }
    }
}
