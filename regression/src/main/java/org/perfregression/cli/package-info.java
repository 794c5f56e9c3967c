/**
 * The command lines: {@code compare}, {@code ab} and {@code convert} of {@code perf-regression.jar},
 * and the main job of any suite ({@code MainJobCommand}, started by a suite's own main class or, for
 * the Maven plugin, by {@code HarnessMain}). Picocli options become library calls; every report is
 * written through {@code ReportTargets}; exit codes are decided here and nowhere else
 * ({@code ExitCode}).
 */
package org.perfregression.cli;
