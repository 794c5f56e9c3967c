/**
 * The history of runs: the results store ({@code HistoryStore}, SQLite or PostgreSQL), a run as it
 * is recorded ({@code RecordedRun}, read from a results folder by {@code RunRecorder}), and the
 * change points over runs ({@code ChangePointDetector} on one series, {@code HistoryChanges} on a
 * whole store, incrementally), listed by {@code ChangeListing}; and baselines that roll forward,
 * a machine's last runs since each subsection's last change point ({@code HistoryBaseline}).
 */
package org.perfregression.history;
