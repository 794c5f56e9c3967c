package org.perfregression.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Internal to {@code ab}: in the build of the baseline's worktree, writes the test class path of one
 * module ({@code perf.sideModule}, {@code groupId:artifactId}) to {@code perf.sideClasspathFile}, so
 * that the baseline runs exactly what Maven resolved for it at that commit: its own classes, its
 * sibling modules' classes of that commit, its dependencies' versions of that commit.
 */
@Mojo(name = "side-classpath", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class SideClasspathMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The module whose class path is wanted, {@code groupId:artifactId}. */
    @Parameter(property = "perf.sideModule", required = true)
    String module;

    /** Where the class path goes, entries separated as {@code java -cp} takes them. */
    @Parameter(property = "perf.sideClasspathFile", required = true)
    File file;

    @Override
    public void execute() throws MojoExecutionException {
        if (!module.equals(project.getGroupId() + ":" + project.getArtifactId())) {
            return;
        }
        try {
            Files.writeString(file.toPath(), String.join(File.pathSeparator, project.getTestClasspathElements()),
                    StandardCharsets.UTF_8);
        } catch (DependencyResolutionRequiredException | IOException e) {
            throw new MojoExecutionException("cannot write the class path of " + module + " to " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
