/**
 * Where numbers hold: the platform id (OS, architecture, CPUs, Java), whether two platforms may be
 * compared ({@code PlatformGuard}), the machine's speed on the calibration kernel
 * ({@code MachineSpeed}), other processes' CPU use ({@code MachineLoad}) and the CPU clock.
 */
package org.perfregression.platform;
