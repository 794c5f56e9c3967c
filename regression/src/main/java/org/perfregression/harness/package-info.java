/**
 * The harness that measures a suite of JMH benchmarks for a fork-aware comparison, for any project:
 * randomized interleaved passes of one fork per combination ({@code SuiteRun}), the calibration
 * kernel beside every sample ({@code CalibrationProfiler}, a JMH profiler that any project's forks
 * load from this library), the forks measured in a phase of the machine measured again
 * ({@code PhaseRetakes}), more forks for the subsections whose baseline forks disagree most
 * ({@code NoisyForks}), the rest of a budget spent where the first test is in doubt, confirmation
 * forks, class-data sharing, progress, the run's folder
 * ({@code ResultsFolder}, {@code SuiteResults}) and the ground truth it is compared with or replaces
 * as one set ({@code GroundTruth}, {@code BaselineCoverage}, {@code BaselineQuality}). A suite is
 * described by a {@code Suite}; {@code cli.MainJobCommand} is its command line.
 */
package org.perfregression.harness;
