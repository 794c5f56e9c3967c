/**
 * The fork-aware gate: samples grouped by fork ({@code ForkLayout}, {@code ForkedSamples}), one
 * level per fork, the moderated test on fork levels ({@code ForkGate}, {@code Prior}), forks in two
 * speed modes, told apart by level or by allocation, judged by mode ({@code ForkModes}), the run's
 * shift ({@code RunEffect}), each subsection's movement between earlier runs ({@code RunMovement}),
 * the machine's phases read from a suite's own forks ({@code MachinePhase}), confirmation and the
 * false discovery rate ({@code GateCheck}), regressions accepted for a while ({@code Acceptance},
 * applied by {@code GateOutcome}). Works on one benchmark's data ({@code MachinePhase} and
 * {@code RunMovement} on a suite's); {@code analysis} applies it to a suite.
 */
package org.perfregression.gate;
