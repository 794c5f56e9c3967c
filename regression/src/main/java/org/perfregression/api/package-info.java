/**
 * The typed entry points for programs (the Maven plugin, the main job): a comparison of two files
 * or folders ({@code Comparison}) and what it decided ({@code Outcome}). Exit codes and build
 * failures are the callers' business: nothing here knows about either.
 */
package org.perfregression.api;
