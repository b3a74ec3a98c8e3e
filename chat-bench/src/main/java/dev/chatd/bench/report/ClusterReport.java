package dev.chatd.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    private final JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One run's repeats, read from the raw directory. */
    record Repeats(String run, List<JsonNode> results) {

        double median(ToDoubleFunction<JsonNode> figure) {
            List<Double> values = new ArrayList<>();
            for (JsonNode r : results) {
                double v = figure.applyAsDouble(r);
                if (!Double.isNaN(v)) values.add(v);
            }
            if (values.isEmpty()) return Double.NaN;
            values.sort(Double::compare);
            int n = values.size();
            return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        }

        long clean() {
            return results.stream().filter(r -> r.path("ok").asBoolean(false)).count();
        }

        long worst(String deliveryField) {
            return results.stream().mapToLong(r -> r.path("delivery").path(deliveryField).asLong(-1)).max().orElse(-1);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        Path raw = null;
        Path results = null;
        Path readme = null;
        boolean noReadme = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--raw" -> raw = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--readme" -> readme = Path.of(args[++i]);
                case "--no-readme" -> noReadme = true;
                default -> {
                    err.println("cluster-report: unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (raw == null || results == null) {
            err.println("usage: ClusterReport --raw DIR --results FILE [--readme FILE | --no-readme]");
            return 2;
        }
        try {
            new ClusterReport().write(raw, results, noReadme ? null : readme, err);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("cluster-report: " + e.getMessage());
            return 1;
        }
    }

    void write(Path raw, Path resultsFile, Path readme, PrintStream err) throws IOException {
        Map<String, Repeats> runs = read(raw);
        if (runs.isEmpty()) {
            err.println("cluster-report: no results under " + raw);
            return;
        }
        JsonNode suite = Files.exists(raw.resolve("suite.json")) ? mapper.readTree(raw.resolve("suite.json"))
                : mapper.createObjectNode();
        String table = render(runs, suite, MachineInfo.ofThisMachine());
        ObjectNode json = mapper.createObjectNode();
        json.set("suite", suite);
        ObjectNode rawRuns = json.putObject("raw");
        runs.forEach((name, r) -> rawRuns.set(name, mapper.valueToTree(r.results())));
        Files.writeString(resultsFile, mapper.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        err.println("cluster-report: wrote " + resultsFile);
        System.out.print(table);
        if (readme == null) return;
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        if (!text.contains(START) || !text.contains(END)) {
            err.println("cluster-report: " + readme + " has no " + START + " markers; the table is only printed");
            return;
        }
        Files.writeString(readme, ReadmeSection.replace(text, table, START, END), StandardCharsets.UTF_8);
        err.println("cluster-report: updated the cluster table in " + readme);
    }

    /** Every result file, by run ({@code latency-1000}, {@code single-fanout-1000}, …), repeats in order. */
    Map<String, Repeats> read(Path raw) throws IOException {
        Map<String, List<Path>> files = new java.util.TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(raw, "*-r*.json")) {
            for (Path file : dir) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z-]+-[0-9]+)-r[0-9]+\\.json")
                        .matcher(file.getFileName().toString());
                if (m.matches()) files.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(file);
            }
        }
        Map<String, Repeats> runs = new LinkedHashMap<>();
        for (Map.Entry<String, List<Path>> e : files.entrySet()) {
            e.getValue().sort(null);
            List<JsonNode> results = new ArrayList<>();
            for (Path file : e.getValue()) results.add(mapper.readTree(file));
            runs.put(e.getKey(), new Repeats(e.getKey(), results));
        }
        return runs;
    }

    /** The Markdown for the README. */
    static String render(Map<String, Repeats> runs, JsonNode suite, MachineInfo machine) {
        int repeats = suite.path("repeats").asInt(1);
        StringBuilder out = new StringBuilder();
        out.append("<!-- generated by bench/run-suite.sh (dev.chatd.bench.report.ClusterReport); edits here are overwritten -->\n");
        out.append("Measured on ").append(suite.path("started").asString("?").replace('T', ' ').replace("Z", " UTC"))
                .append(" with `").append(suite.path("command").asString("bench/run-suite.sh --servers cluster"))
                .append("`: ").append(repeats == 1 ? "one run" : "the median of " + repeats + " runs")
                .append(" (load average before: ").append(suite.path("loadAverageBefore").asString("unknown"))
                .append("; ").append(machine.cores()).append(" cores, ").append(machine.cpuModel()).append(").\n\n");
        out.append("redis-server 7 (AOF, fsync every second), a callback node and a streams node, and the generator, all on "
                + "this machine; 1,000 users in `#lobby`, user *i* on node *i* mod 2, so the 10 senders are on both. "
                + "CPU is in cores over the measured phase.\n\n");
        out.append("| run | result | target | Redis CPU | node 1 / node 2 CPU | generator CPU | clean runs |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        Repeats latency = runs.get("latency-1000");
        if (latency != null) {
            double p99 = latency.median(r -> number(r.path("latency").path("p99Ms")));
            double p50 = latency.median(r -> number(r.path("latency").path("p50Ms")));
            row(out, "(a) 10 senders × 20 msg/s", "p99 **" + Format.ms(p99) + " ms** (p50 " + Format.ms(p50) + " ms)",
                    "p99 ≤ 15 ms: " + (p99 <= P99_TARGET_MS ? "met" : "**not met**"), latency);
        }
        Repeats singleLatency = runs.get("single-latency-1000");
        if (singleLatency != null) {
            out.append("| (a) the same on one stand-alone callback server | p99 ")
                    .append(Format.ms(singleLatency.median(r -> number(r.path("latency").path("p99Ms")))))
                    .append(" ms (p50 ").append(Format.ms(singleLatency.median(r -> number(r.path("latency").path("p50Ms")))))
                    .append(" ms) | — | — | ");
            single(out, singleLatency);
        }
        Repeats fanout = runs.get("fanout-1000");
        Repeats single = runs.get("single-fanout-1000");
        if (fanout != null) {
            double cluster = fanout.median(r -> number(r.path("delivery").path("perSecond")));
            double one = single == null ? Double.NaN : single.median(r -> number(r.path("delivery").path("perSecond")));
            double share = cluster / one;
            String result = "**" + Format.grouped(cluster) + "** deliveries/s"
                    + (Double.isNaN(share) ? "" : String.format(Locale.ROOT, " = **%.0f%%** of one node's", share * 100));
            row(out, "(b) full speed, 10 senders", result,
                    "≥ 60% of one node: " + (Double.isNaN(share) ? "?" : share >= SHARE_TARGET ? "met" : "**not met**"), fanout);
        }
        if (single != null) {
            double one = single.median(r -> number(r.path("delivery").path("perSecond")));
            out.append("| (b) the same on one stand-alone callback server | ").append(Format.grouped(one))
                    .append(" deliveries/s | — | — | ");
            single(out, single);
        }
        Repeats join = runs.get("join-1000");
        if (join != null) {
            double p99 = join.median(r -> number(r.path("latency").path("p99Ms")));
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
        out.append(Format.cores(r.median(x -> number(x.path("serverCpu").path("coresUsed")))))
                .append(" (the one server) | ")
                .append(Format.cores(r.median(x -> number(x.path("generatorCpu").path("coresUsed")))))
                .append(" | ").append(r.clean()).append("/").append(r.results().size()).append(" |\n");
    }

    private static void row(StringBuilder out, String run, String result, String target, Repeats r) {
        out.append("| ").append(run).append(" | ").append(result).append(" | ").append(target).append(" | ")
                .append(Format.cores(r.median(x -> number(x.path("processCpu").path("redis").path("coresUsed")))))
                .append(" | ")
                .append(Format.cores(r.median(x -> number(x.path("processCpu").path("node1").path("coresUsed")))))
                .append(" / ")
                .append(Format.cores(r.median(x -> number(x.path("processCpu").path("node2").path("coresUsed")))))
                .append(" | ")
                .append(Format.cores(r.median(x -> number(x.path("generatorCpu").path("coresUsed")))))
                .append(" | ").append(r.clean()).append("/").append(r.results().size()).append(" |\n");
    }

    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
