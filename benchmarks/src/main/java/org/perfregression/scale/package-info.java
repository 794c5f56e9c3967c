/**
 * The scale check behind {@code scripts/scale-check.sh}: generated inputs of 10,000 subsections,
 * timed against a plain Jackson parse.
 */
package org.perfregression.scale;
