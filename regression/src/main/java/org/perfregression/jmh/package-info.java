/**
 * JMH's result files (every mode, histograms, secondary metrics) and how their results map to
 * benchmarks, sections and subsections ({@code JmhMapping}).
 */
package org.perfregression.jmh;
