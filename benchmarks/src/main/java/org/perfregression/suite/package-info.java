/**
 * The accessor suite's JMH benchmarks, their settings and the injected slowdown used to measure the
 * gate's power. The calibration kernel the harness times beside every sample is the library's
 * ({@code harness.CalibrationProfiler}).
 */
package org.perfregression.suite;
