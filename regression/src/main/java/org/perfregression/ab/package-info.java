/**
 * Two builds (or two JVMs) measured interleaved, fork by fork, on one machine: the sides
 * ({@code AbSide}), their JMH hosts ({@code SideHost}), the run ({@code AbRun}), its samples
 * ({@code AbMeasurement}) and its folder's file names ({@code AbFolder}, their one owner).
 */
package org.perfregression.ab;
