/**
 * The fork-aware gate: samples grouped by fork ({@code ForkLayout}, {@code ForkedSamples}), one
 * level per fork, the moderated test on fork levels ({@code ForkGate}, {@code Prior}), the run's
 * shift ({@code RunEffect}), confirmation and the false discovery rate ({@code GateCheck}). Works on
 * one benchmark's data; {@code analysis} applies it to a suite.
 */
package org.perfregression.gate;
