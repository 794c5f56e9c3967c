/**
 * A dataset with its unit, platform and fork layout, loaded from a PerformanceData file (with its
 * sidecar) or a JMH result file ({@code DatasetLoader}); the sidecar format ({@code Sidecar}); and
 * the file names of a folder of benchmarks ({@code BenchmarkFolder}), their one owner; the baselines a
 * run is judged against, whichever their source ({@code Baselines}).
 */
package org.perfregression.input;
