package org.perfregression.data;

/** Names one subsection of a {@link PerformanceData}: written {@code section.subsection}. */
public record SubsectionKey(String section, String subsection) {

    @Override
    public String toString() {
        return section + "." + subsection;
    }
}
