/**
 * {@code PerformanceData} ({@code {section: {subsection: [samples]}}}), its JSON form, and the one
 * way every file enters and leaves the tool: {@code InputFiles} checks what is read, {@code AtomicFiles}
 * and {@code AtomicFolder} write without loss, {@code FileNames} and {@code Printable} keep names
 * from becoming paths or terminal escapes. Imports only {@code stats}.
 */
package org.perfregression.data;
