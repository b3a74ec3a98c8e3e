package dev.chatd.bench;

import java.lang.management.ManagementFactory;

/**
 * This process's CPU time against wall time, so the generator can say how much of the machine it
 * took itself (it must not be the bottleneck of what it measures).
 */
final class CpuMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU and wall clock now. */
    CpuSample sample() {
        return new CpuSample(os.getProcessCpuTime(), System.nanoTime());
    }

    /** A reading of a CPU clock and the wall clock, in nanoseconds. */
    record CpuSample(long cpuNanos, long wallNanos) {

        /** The CPU used from {@code earlier} to this sample. */
        Results.Cpu since(CpuSample earlier) {
            return Results.Cpu.of(cpuNanos - earlier.cpuNanos, wallNanos - earlier.wallNanos);
        }
    }
}
