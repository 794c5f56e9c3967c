/**
 * The Maven plugin's goals ({@code check}, {@code regenerate}, {@code compare}, and {@code ab}, the
 * pull-request check with its merge-base build in a git worktree, {@link BaselineBuild}): JMH run on
 * the module's test class path, decided through the library ({@code api.Comparison}, its main job,
 * its {@code ab}), the outcome mapped to Maven's failure types.
 */
package org.perfregression.maven;
