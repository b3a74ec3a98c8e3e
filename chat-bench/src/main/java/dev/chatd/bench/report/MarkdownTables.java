package dev.chatd.bench.report;

import java.util.List;
import java.util.Optional;

/** The suite's medians as Markdown tables: one for runs that send, one for logins and memory. */
public final class MarkdownTables {

    private MarkdownTables() {
    }

    /** Deliveries, latency, losses and CPU of every run that sends chat lines. */
    public static String deliveries(List<MedianRun> medians) {
        StringBuilder sb = new StringBuilder()
                .append("| server | run | users | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | lost"
                        + " | generator CPU (cores) | server CPU (cores) | target | met? |\n")
                .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        for (MedianRun m : medians) {
            RunResult r = m.median();
            if (!r.id().kind().sends()) continue;
            Optional<Target> target = Target.forDelivery(r.id());
            row(sb, r.id().server(), r.id().kind().label() + notClean(r), String.format("%,d", r.id().users()),
                    Format.grouped(r.deliveriesPerSecond()), Format.ms(r.p50Ms()), Format.ms(r.p99Ms()),
                    Format.ms(r.p999Ms()), Format.ms(r.maxMs()),
                    r.lost() == null ? Format.NONE : String.format("%,d", r.lost()),
                    Format.cores(r.generatorCores()), Format.cores(r.serverCores()),
                    target.map(Target::text).orElse(Format.NONE), met(target, r));
        }
        return sb.toString();
    }

    /** The runs through the web gateway: the same figures, and the gateway's CPU beside the others'. */
    public static String web(List<MedianRun> medians) {
        StringBuilder sb = new StringBuilder()
                .append("| run | users | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms | lost"
                        + " | generator CPU (cores) | server CPU (cores) | gateway CPU (cores) | gateway CPU per delivery"
                        + " | target | met? |\n")
                .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        for (MedianRun m : medians) {
            RunResult r = m.median();
            if (!r.viaGateway() || !r.id().kind().sends()) continue;
            Optional<Target> target = Target.forDelivery(r.id());
            row(sb, r.id().kind().label() + notClean(r), String.format("%,d", r.id().users()),
                    Format.grouped(r.deliveriesPerSecond()), Format.ms(r.p50Ms()), Format.ms(r.p99Ms()),
                    Format.ms(r.p999Ms()), Format.ms(r.maxMs()),
                    r.lost() == null ? Format.NONE : String.format("%,d", r.lost()),
                    Format.cores(r.generatorCores()), Format.cores(r.serverCores()), Format.cores(r.gatewayCores()),
                    r.gatewayMicrosPerDelivery() == null ? Format.NONE
                            : String.format(java.util.Locale.ROOT, "%.2f µs", r.gatewayMicrosPerDelivery()),
                    target.map(Target::text).orElse(Format.NONE), met(target, r));
        }
        return sb.toString();
    }

    /** Login time of the C10k run and memory per idle user. */
    public static String loginAndMemory(List<MedianRun> medians) {
        StringBuilder sb = new StringBuilder()
                .append("| server | run | users | login | logins/s | heap per user | RSS per user | peak RSS"
                        + " | generator CPU (cores) | server CPU (cores) | target | met? |\n")
                .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        for (MedianRun m : medians) {
            RunResult r = m.median();
            if (r.id().kind() != RunKind.C10K && r.id().kind() != RunKind.IDLE) continue;
            boolean idle = r.id().kind() == RunKind.IDLE;
            Optional<Target> target = Target.forLoginAndMemory(r.id());
            row(sb, r.id().server(), r.id().kind().label() + (idle ? notClean(r) : ""), String.format("%,d", r.id().users()),
                    Format.seconds(r.loginSeconds()), Format.grouped(r.loginsPerSecond()),
                    Format.bytes(r.heapBytesPerUser()), Format.bytes(r.rssBytesPerUser()), Format.mebibytes(r.peakRssBytes()),
                    idle ? Format.cores(r.generatorCores()) : Format.NONE,
                    idle ? Format.cores(r.serverCores()) : Format.NONE,
                    target.map(Target::text).orElse(Format.NONE), met(target, r));
        }
        return sb.toString();
    }

    /** The connect storms: how every connection fared, and how long until the last was in. */
    public static String storms(List<MedianRun> medians) {
        StringBuilder sb = new StringBuilder()
                .append("| server | run | users | logged in | connect errors | resets | closed or still waiting"
                        + " | login | generator CPU (cores) | server CPU (cores) | target | met? |\n")
                .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        for (MedianRun m : medians) {
            RunResult r = m.median();
            if (!r.id().kind().storm()) continue;
            Optional<Target> target = Target.forStorm(r.id());
            StormCounts s = r.storm();
            row(sb, r.id().server(), r.id().kind().label() + notClean(r), String.format("%,d", r.id().users()),
                    s == null ? Format.NONE : String.format("%,d", s.loggedIn()),
                    s == null ? Format.NONE : String.format("%,d", s.connectErrors()),
                    s == null ? Format.NONE : String.format("%,d", s.resets()),
                    s == null ? Format.NONE : String.format("%,d", s.lost()),
                    Format.seconds(r.loginSeconds()), Format.cores(r.generatorCores()), Format.cores(r.serverCores()),
                    target.map(Target::text).orElse(Format.NONE), met(target, r));
        }
        return sb.toString();
    }

    /** Whether any median is a connect storm. */
    static boolean hasStorms(List<MedianRun> medians) {
        return medians.stream().anyMatch(m -> m.median().id().kind().storm());
    }

    /** The errors of runs whose median repeat was not clean, one bullet each; empty if none. */
    public static String problems(List<MedianRun> medians) {
        StringBuilder sb = new StringBuilder();
        for (MedianRun m : medians) {
            RunResult r = m.median();
            if (r.ok()) continue;
            sb.append("- ").append(r.id().server()).append(' ').append(r.id().kind().label()).append(", ")
                    .append(String.format("%,d", r.id().users())).append(" users: ")
                    .append(r.error() == null ? "not clean" : escape(r.error())).append('\n');
        }
        return sb.toString();
    }

    private static String notClean(RunResult r) {
        return r.ok() ? "" : " ⚠";
    }

    private static String met(Optional<Target> target, RunResult r) {
        if (target.isEmpty()) return Format.NONE;
        return target.get().metBy(r) ? "yes" : "**no**";
    }

    private static void row(StringBuilder sb, String... cells) {
        sb.append('|');
        for (String cell : cells) sb.append(' ').append(escape(cell)).append(" |");
        sb.append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
