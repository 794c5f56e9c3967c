/**
 * The accessor suite's main job ({@code java -jar benchmarks.jar}): it defines the suite (mapping,
 * default benchmarks, ground truth, budget) and hands it to the library's main job
 * ({@code cli.MainJobCommand}), which owns the harness.
 */
package org.perfregression.runner;
