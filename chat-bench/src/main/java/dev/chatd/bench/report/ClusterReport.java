package dev.chatd.bench.report;

import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The cluster part of {@code bench/run-suite.sh} (issue 13) as a table: its raw results (one
 * chat-bench result per run and repeat, {@code <run>-<users>-r<repeat>.json}, and the stand-alone
 * server's {@code single-fanout-…}) give the median of each figure, with Redis's and each node's
 * CPU beside it, written to {@code results-cluster.json} and between the README's
 * {@value #START} markers:
 *
 * <pre>java -cp chat-bench.jar dev.chatd.bench.report.ClusterReport --raw DIR --results FILE --readme FILE [--no-readme]</pre>
 */
public final class ClusterReport {

    public static final String START = "<!-- perf-cluster:start -->";
    public static final String END = "<!-- perf-cluster:end -->";
    /** Targets from the issue: (a)'s p99 at most this, (b) at least this share of one node's deliveries/s. */
    static final double P99_TARGET_MS = 15;
    static final double SHARE_TARGET = 0.60;

    static final SideReport REPORT = new SideReport("cluster-report", "([a-z-]+-[0-9]+)-r[0-9]+\\.json",
            START, END, "the cluster table", ClusterReport::render);

    private ClusterReport() {
    }

    public static void main(String[] args) {
        System.exit(REPORT.run(args, System.out, System.err));
    }

    /** The Markdown for the README. */
    static String render(Map<String, Repeats> runs, JsonNode suite, MachineInfo machine) {
        StringBuilder out = new StringBuilder(SideReport.header(ClusterReport.class, suite, machine,
                "bench/run-suite.sh --servers cluster"));
        out.append("redis-server 7 (AOF, fsync every second), a callback node and a streams node, and the generator, all on "
                + "this machine; 1,000 users in `#lobby`, user *i* on node *i* mod 2, so the 10 senders are on both. "
                + "CPU is in cores over the measured phase.\n\n");
        out.append("| run | result | target | Redis CPU | node 1 / node 2 CPU | generator CPU | clean runs |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        Repeats latency = runs.get("latency-1000");
        if (latency != null) {
            double p99 = latency.median(r -> Repeats.number(r.path("latency").path("p99Ms")));
            double p50 = latency.median(r -> Repeats.number(r.path("latency").path("p50Ms")));
            row(out, "(a) 10 senders × 20 msg/s", "p99 **" + Format.ms(p99) + " ms** (p50 " + Format.ms(p50) + " ms)",
                    "p99 ≤ 15 ms: " + (p99 <= P99_TARGET_MS ? "met" : "**not met**"), latency);
        }
        Repeats singleLatency = runs.get("single-latency-1000");
        if (singleLatency != null) {
            out.append("| (a) the same on one stand-alone callback server | p99 ")
                    .append(Format.ms(singleLatency.median(r -> Repeats.number(r.path("latency").path("p99Ms")))))
                    .append(" ms (p50 ").append(Format.ms(singleLatency.median(r -> Repeats.number(r.path("latency").path("p50Ms")))))
                    .append(" ms) | — | — | ");
            single(out, singleLatency);
        }
        Repeats fanout = runs.get("fanout-1000");
        Repeats single = runs.get("single-fanout-1000");
        if (fanout != null) {
            double cluster = fanout.median(r -> Repeats.number(r.path("delivery").path("perSecond")));
            double one = single == null ? Double.NaN : single.median(r -> Repeats.number(r.path("delivery").path("perSecond")));
            double share = cluster / one;
            String result = "**" + Format.grouped(cluster) + "** deliveries/s"
                    + (Double.isNaN(share) ? "" : String.format(Locale.ROOT, " = **%.0f%%** of one node's", share * 100));
            row(out, "(b) full speed, 10 senders", result,
                    "≥ 60% of one node: " + (Double.isNaN(share) ? "?" : share >= SHARE_TARGET ? "met" : "**not met**"), fanout);
        }
        if (single != null) {
            double one = single.median(r -> Repeats.number(r.path("delivery").path("perSecond")));
            out.append("| (b) the same on one stand-alone callback server | ").append(Format.grouped(one))
                    .append(" deliveries/s | — | — | ");
            single(out, single);
        }
        Repeats join = runs.get("join-1000");
        if (join != null) {
            double p99 = join.median(r -> Repeats.number(r.path("latency").path("p99Ms")));
            row(out, "(c) 10 × 20 msg/s for 20 s; a third node starts 5 s in, 100 users log in on it",
                    "lost " + join.worst("lost") + ", out of order " + join.worst("outOfOrder") + " (worst run); p99 "
                            + Format.ms(p99) + " ms",
                    "nothing lost: " + (join.worst("lost") == 0 && join.worst("outOfOrder") == 0 ? "met" : "**not met**"),
                    join);
        }
        return out.toString();
    }

    /** The CPU and clean-runs cells of a stand-alone server's row. */
    private static void single(StringBuilder out, Repeats r) {
        out.append(Format.cores(r.median(x -> Repeats.number(x.path("serverCpu").path("coresUsed")))))
                .append(" (the one server) | ")
                .append(Format.cores(r.median(x -> Repeats.number(x.path("generatorCpu").path("coresUsed")))))
                .append(" | ").append(r.clean()).append("/").append(r.results().size()).append(" |\n");
    }

    private static void row(StringBuilder out, String run, String result, String target, Repeats r) {
        out.append("| ").append(run).append(" | ").append(result).append(" | ").append(target).append(" | ")
                .append(Format.cores(r.median(x -> Repeats.number(x.path("processCpu").path("redis").path("coresUsed")))))
                .append(" | ")
                .append(Format.cores(r.median(x -> Repeats.number(x.path("processCpu").path("node1").path("coresUsed")))))
                .append(" / ")
                .append(Format.cores(r.median(x -> Repeats.number(x.path("processCpu").path("node2").path("coresUsed")))))
                .append(" | ")
                .append(Format.cores(r.median(x -> Repeats.number(x.path("generatorCpu").path("coresUsed")))))
                .append(" | ").append(r.clean()).append("/").append(r.results().size()).append(" |\n");
    }
}
