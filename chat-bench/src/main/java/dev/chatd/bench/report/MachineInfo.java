package dev.chatd.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine the suite ran on, as the README states it.
 *
 * @param cores     processors available to the JVM (what {@code nproc} says)
 * @param cpuModel  "model name" of /proc/cpuinfo
 * @param memory    MemTotal of /proc/meminfo, in GiB
 * @param kernel    the OS name and kernel release
 * @param jdk       the Java runtime that ran the servers and the generator
 */
public record MachineInfo(int cores, String cpuModel, String memory, String kernel, String jdk) {

    private static final String UNKNOWN = "unknown";

    /** This machine (the report runs on the machine the suite ran on, with the same {@code java}). */
    public static MachineInfo ofThisMachine() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(),
                cpuModel(read("/proc/cpuinfo")), memory(read("/proc/meminfo")),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** The first "model name" of a /proc/cpuinfo text. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                int colon = line.indexOf(':');
                if (colon >= 0) return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
            }
        }
        return UNKNOWN;
    }

    /** MemTotal of a /proc/meminfo text, in GiB. */
    static String memory(String meminfo) {
        for (String line : meminfo.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("MemTotal:")) {
                try {
                    return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(words[1]) / (1024.0 * 1024.0));
                } catch (NumberFormatException e) {
                    return UNKNOWN;
                }
            }
        }
        return UNKNOWN;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
