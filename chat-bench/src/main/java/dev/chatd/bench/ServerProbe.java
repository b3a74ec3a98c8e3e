package dev.chatd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server process's resource use from outside: resident memory and CPU time from
 * {@code /proc/<pid>}, and its live Java heap through {@code jcmd}.
 */
final class ServerProbe {

    /** Linux reports process CPU times in ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long pid;

    ServerProbe(long pid) {
        this.pid = pid;
    }

    /** Fails unless {@code /proc/<pid>} exists. */
    void checkAlive() throws SetupException {
        if (!Files.isReadable(Path.of("/proc/" + pid + "/status"))) {
            throw new SetupException("no process " + pid + " to measure (--server-pid): /proc/" + pid + "/status is not readable");
        }
    }

    /** Resident set size (VmRSS) in bytes. */
    OptionalLong rssBytes() {
        return statusBytes("VmRSS:");
    }

    /** The most resident memory the process has had since it started (VmHWM, the high-water mark), in bytes. */
    OptionalLong peakRssBytes() {
        return statusBytes("VmHWM:");
    }

    private OptionalLong statusBytes(String field) {
        try {
            return parseStatusBytes(Files.readString(Path.of("/proc/" + pid + "/status")), field);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** User plus system CPU time, in nanoseconds. */
    OptionalLong cpuNanos() {
        try {
            return parseCpuNanos(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Bytes of live Java objects, after the full GC that {@code jcmd <pid> GC.class_histogram}
     * forces (the "Total" line of the histogram). This is heap only: direct buffers and other
     * native memory show in {@link #rssBytes()} but not here.
     */
    OptionalLong liveHeapBytes(Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("chat-bench-histogram", ".txt");
            Process jcmd = new ProcessBuilder(jcmd(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!jcmd.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                jcmd.destroyForcibly();
                return OptionalLong.empty();
            }
            return parseHistogramTotal(Files.readAllLines(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } finally {
            if (output != null) output.toFile().delete();
        }
    }

    /** A memory field of {@code /proc/<pid>/status}, e.g. {@code VmRSS:} or {@code VmHWM:}, in bytes. */
    static OptionalLong parseStatusBytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                String[] words = line.substring(field.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(words[0]) * 1024); // always in kB
            }
        }
        return OptionalLong.empty();
    }

    static OptionalLong parseCpuNanos(String stat) {
        // The command name in parentheses may hold spaces; fields are counted after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        if (fields.length < 13) return OptionalLong.empty();
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return OptionalLong.of(ticks * NANOS_PER_TICK);
    }

    static OptionalLong parseHistogramTotal(List<String> lines) {
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Total")) {
                String[] words = trimmed.split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(words[words.length - 1]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The jcmd beside the java running this generator, else the one on the PATH. */
    private static String jcmd() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }
}
