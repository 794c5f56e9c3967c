/**
 * One small class per output format behind the {@code Report} interface (text, JSON, Markdown,
 * JUnit XML, HTML, and the current run for dashboards: github-action-benchmark's and Bencher's
 * formats), each rendering a {@code ReportSuite}. The JSON report's shape is versioned and
 * described by {@code schema/perf-regression-report.schema.json}.
 */
package org.perfregression.report;
