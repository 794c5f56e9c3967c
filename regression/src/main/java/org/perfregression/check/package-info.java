/**
 * The seed rule ({@code RegressionRule}: median change beyond the MAD noise band and a significant
 * Mann-Whitney U) and its application to two datasets ({@code RegressionCheck}), with the results
 * and summaries every report shows. Knows nothing of forks, files or the command line.
 */
package org.perfregression.check;
