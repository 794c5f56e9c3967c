/**
 * Numbers exactly as the original tool computed them: numpy's median and MAD, scipy's two-sided
 * Mann-Whitney U test (exact and asymptotic, with its tie and continuity corrections), Student's t,
 * Fisher's F and the Benjamini-Hochberg false discovery rate. Depends on nothing of this project.
 */
package org.perfregression.stats;
