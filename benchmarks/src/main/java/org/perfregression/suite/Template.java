package org.perfregression.suite;

import org.perfregression.accessor.AccessorSpec;

/**
 * The accessor's compile-time arguments in this JVM, as a {@code static final} constant: the JIT
 * folds every field of the record held here, exactly as a C++ compiler folds template arguments.
 *
 * <p>A class's static final is fixed once per JVM, so this relies on JMH's default of one forked JVM
 * per parameter combination. {@link Installer#install} fails loudly when asked for a second,
 * different spec in the same JVM (for example with {@code -f 0}) instead of measuring the wrong one.
 */
public final class Template {

    /** Set before this class is initialised, by {@link Installer#install}. */
    public static final AccessorSpec SPEC = Installer.requested;

    private Template() {
    }

    /** Chooses the spec of this JVM; a nested class so that using it does not initialise {@link Template}. */
    public static final class Installer {

        private static AccessorSpec requested;
        private static String installedLabel;

        private Installer() {
        }

        /**
         * Makes {@code spec} this JVM's compile-time spec.
         *
         * @param label names the parameter combination in the error message, e.g. {@code rank=3 config=...}
         * @throws IllegalStateException if another spec was installed before
         */
        public static synchronized void install(AccessorSpec spec, String label) {
            requested = spec;
            if (installedLabel == null) {
                installedLabel = label;
            }
            if (!Template.SPEC.equals(spec)) {
                throw new IllegalStateException("this JVM is already compiled for " + installedLabel
                        + ", cannot measure " + label
                        + ": the accessor suite needs one forked JVM per parameter combination (do not use -f 0)");
            }
        }
    }
}
