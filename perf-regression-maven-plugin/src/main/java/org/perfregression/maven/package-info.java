/**
 * The Maven plugin's goals ({@code check}, {@code regenerate}, {@code compare}): JMH run on the
 * module's test class path, decided through the library's {@code api.Comparison}, the outcome mapped
 * to Maven's failure types.
 */
package org.perfregression.maven;
