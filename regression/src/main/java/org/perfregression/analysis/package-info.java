/**
 * The one comparison of a suite ({@code SuiteComparison}): the seed rule per benchmark, and the
 * gate's steps over the whole suite (one run effect, the first test, re-measuring flags, one false
 * discovery rate, the absolute floor), producing the {@code ReportSuite} every report renders.
 * Every front end (the main job, {@code compare}, {@code ab}, the Maven plugin) goes through it;
 * none repeats a step of it.
 */
package org.perfregression.analysis;
