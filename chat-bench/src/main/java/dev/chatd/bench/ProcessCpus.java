package dev.chatd.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Other processes whose CPU a fanout run reports beside the server's, by name: with
 * {@code --cpu-pids redis=PID,node1=PID,node2=PID} a cluster run shows Redis's CPU beside each
 * node's, over the same measured phase. Read from {@code /proc} like {@code --server-pid}.
 */
final class ProcessCpus {

    static final ProcessCpus NONE = new ProcessCpus(Map.of());

    private final Map<String, ServerProbe> probes;

    private ProcessCpus(Map<String, ServerProbe> probes) {
        this.probes = probes;
    }

    /** {@code name=pid,name=pid}; every process must exist now. */
    static ProcessCpus parse(String list) throws SetupException {
        Map<String, ServerProbe> probes = new LinkedHashMap<>();
        for (String item : list.split(",", -1)) {
            String[] parts = item.strip().split("=", 2);
            if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9_-]{1,32}") || !parts[1].matches("[0-9]{1,10}")) {
                throw new SetupException("--cpu-pids takes name=pid,name=pid,...: " + item);
            }
            ServerProbe probe = new ServerProbe(Long.parseLong(parts[1]));
            probe.checkAlive();
            if (probes.put(parts[0], probe) != null) throw new SetupException("--cpu-pids names " + parts[0] + " twice");
        }
        return new ProcessCpus(Map.copyOf(probes));
    }

    /** Each process's CPU time now, in nanoseconds (absent for one that has gone). */
    Map<String, OptionalLong> sample() {
        Map<String, OptionalLong> now = new LinkedHashMap<>();
        probes.forEach((name, probe) -> now.put(name, probe.cpuNanos()));
        return now;
    }

    /** The cores each process used from {@code before} to {@code after}, {@code wallNanos} apart; null without processes. */
    static Map<String, Results.Cpu> between(Map<String, OptionalLong> before, Map<String, OptionalLong> after,
                                            long wallNanos) {
        if (before.isEmpty()) return null;
        Map<String, Results.Cpu> used = new java.util.TreeMap<>();
        before.forEach((name, start) -> {
            OptionalLong end = after.getOrDefault(name, OptionalLong.empty());
            if (start.isPresent() && end.isPresent()) {
                used.put(name, Results.Cpu.of(end.getAsLong() - start.getAsLong(), wallNanos));
            }
        });
        return used;
    }
}
