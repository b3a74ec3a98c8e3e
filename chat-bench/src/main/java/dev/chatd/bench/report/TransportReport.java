package dev.chatd.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The transport part of {@code bench/run-suite.sh} (issue 12): the callback server on Netty's
 * epoll and on its io_uring transport, a fresh server for each run, the two alternating run by
 * run. Its raw results ({@code <transport>-<run>-<users>-r<repeat>.json}) give the median of each
 * figure per transport, with the server's CPU per delivery, written to
 * {@code results-transport.json} and between the README's {@value #START} markers:
 *
 * <pre>java -cp chat-bench.jar dev.chatd.bench.report.TransportReport --raw DIR --results FILE --readme FILE [--no-readme]</pre>
 */
public final class TransportReport {

    public static final String START = "<!-- perf-transport:start -->";
    public static final String END = "<!-- perf-transport:end -->";
    /** The transports compared, the one {@code --transport auto} picks first. */
    static final List<String> TRANSPORTS = List.of("epoll", "io_uring");
    /** The runs, in the table's order: {@code <kind>-<users>} as run-suite.sh names them. */
    static final List<String> RUNS = List.of("fanout-1000", "latency-1000", "latency10-5000");

    static final SideReport REPORT = new SideReport("transport-report",
            "((?:epoll|io_uring|nio)-[a-z0-9]+-[0-9]+)-r[0-9]+\\.json", START, END, "the transport table",
            TransportReport::render);

    private TransportReport() {
    }

    public static void main(String[] args) {
        System.exit(REPORT.run(args, System.out, System.err));
    }

    /** The Markdown for the README. */
    static String render(Map<String, Repeats> runs, JsonNode suite, MachineInfo machine) {
        StringBuilder out = new StringBuilder(SideReport.header(TransportReport.class, suite, machine,
                "bench/run-suite.sh --servers transport"));
        out.append("The callback server with `--transport epoll` and with `--transport io_uring`, a fresh server for "
                + "every run, the two transports taking turns run by run so that both see the same machine. "
                + "*Server CPU per delivery* is the server's CPU time over the lines it delivered; "
                + "*vs epoll* is io_uring's figure over epoll's in the same row pair.\n\n");
        out.append("| run | users | transport | deliveries/s | p50 ms | p99 ms | lost | server CPU (cores)"
                + " | server CPU per delivery | vs epoll | generator CPU (cores) | clean runs |\n");
        out.append("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (String run : RUNS) {
            Double epollCost = null;
            for (String transport : TRANSPORTS) {
                Repeats r = runs.get(transport + "-" + run);
                if (r == null) continue;
                double perSecond = r.median(x -> Repeats.number(x.path("delivery").path("perSecond")));
                double serverCores = r.median(x -> Repeats.number(x.path("serverCpu").path("coresUsed")));
                double cost = r.median(TransportReport::microsPerDelivery);
                if (transport.equals("epoll")) epollCost = cost;
                String ratio = !transport.equals("epoll") && epollCost != null && epollCost > 0 && !Double.isNaN(cost)
                        ? String.format(Locale.ROOT, "×%.2f", cost / epollCost) : Format.NONE;
                String[] kindAndUsers = run.split("-");
                out.append("| ").append(label(kindAndUsers[0])).append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", Integer.parseInt(kindAndUsers[1]))).append(" | ")
                        .append(transport).append(" | ")
                        .append(Format.grouped(perSecond)).append(" | ")
                        .append(Format.ms(r.median(x -> Repeats.number(x.path("latency").path("p50Ms"))))).append(" | ")
                        .append(Format.ms(r.median(x -> Repeats.number(x.path("latency").path("p99Ms"))))).append(" | ")
                        .append(r.worst("lost")).append(" | ")
                        .append(Format.cores(serverCores)).append(" | ")
                        .append(Double.isNaN(cost) ? Format.NONE : String.format(Locale.ROOT, "%.2f µs", cost)).append(" | ")
                        .append(ratio).append(" | ")
                        .append(Format.cores(r.median(x -> Repeats.number(x.path("generatorCpu").path("coresUsed")))))
                        .append(" | ").append(r.clean()).append("/").append(r.results().size()).append(" |\n");
            }
        }
        return out.toString();
    }

    /** The server's CPU microseconds per delivered line in one result; NaN without the figures. */
    static double microsPerDelivery(JsonNode result) {
        double cores = Repeats.number(result.path("serverCpu").path("coresUsed"));
        double perSecond = Repeats.number(result.path("delivery").path("perSecond"));
        return perSecond > 0 ? cores / perSecond * 1e6 : Double.NaN;
    }

    private static String label(String kind) {
        return RunKind.ofFileName(kind).map(RunKind::label).orElse(kind);
    }
}
