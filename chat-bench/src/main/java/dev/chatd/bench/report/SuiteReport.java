package dev.chatd.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the raw results of {@code bench/run-suite.sh} into the suite's report: the medians and raw
 * figures as JSON, two PNG charts and the README's Performance section.
 *
 * <pre>java -cp chat-bench.jar dev.chatd.bench.report.SuiteReport --raw DIR --results FILE --charts DIR --readme FILE [--no-readme]</pre>
 *
 * <p>The raw directory holds one directory per server with {@code <kind>-<users>-r<repeat>.json}
 * files, and optionally {@code suite.json} (when the suite ran, repeats, load average, command).
 */
public final class SuiteReport {

    static final String DELIVERIES_PNG = "perf-deliveries.png";
    static final String P99_PNG = "perf-p99.png";
    /** The web gateway's medians and raw results, beside {@code results.json}. */
    static final String WEB_RESULTS = "results-web.json";
    static final int WIDTH = 960;
    static final int HEIGHT = 560;
    static final Color CALLBACK = new Color(0x1f, 0x77, 0xb4);
    static final Color STREAMS = new Color(0xd6, 0x27, 0x28);

    private final JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** A result file as chat-bench wrote it, with the run it belongs to. */
    public record RawRun(RunId id, JsonNode result) {
    }

    /** Reads every result file under {@code raw}, sorted by server, kind, users and repeat. */
    public List<RawRun> readRaw(Path raw) throws IOException {
        List<RawRun> runs = new ArrayList<>();
        try (DirectoryStream<Path> servers = Files.newDirectoryStream(raw, Files::isDirectory)) {
            for (Path dir : servers) {
                String server = dir.getFileName().toString();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
                    for (Path file : files) {
                        Optional<RunId> id = RunId.of(server, file.getFileName().toString());
                        if (id.isPresent()) runs.add(new RawRun(id.get(), readJson(file)));
                    }
                }
            }
        }
        runs.sort(Comparator.comparing((RawRun r) -> r.id().server())
                .thenComparing(r -> r.id().kind())
                .thenComparingInt(r -> r.id().users())
                .thenComparingInt(r -> r.id().repeat()));
        return runs;
    }

    /** The medians and every raw result as chat-bench wrote it, as written to {@code results.json}. */
    public String resultsJson(MachineInfo machine, JsonNode suite, List<MedianRun> medians, List<RawRun> raw) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("machine", machine);
        all.put("suite", suite);
        all.put("medians", medians);
        all.put("raw", raw);
        return mapper.writeValueAsString(all) + "\n";
    }

    /** Deliveries per second of the full-speed fan-out runs against users, one line per server. */
    public static LineChart deliveriesChart(List<MedianRun> medians) {
        List<LineChart.Reference> targets = List.of(
                new LineChart.Reference("target at 1,000 users: 6M/s", Target.FANOUT_FLOOR, Color.GRAY));
        return new LineChart("Fan-out at full speed: deliveries per second (10 senders)", "users (log scale)",
                "deliveries per second", false, Format::millions,
                series(medians, RunKind.FANOUT, RunResult::deliveriesPerSecond), targets);
    }

    /** p99 latency of the paced runs against users, one line per server. */
    public static LineChart p99Chart(List<MedianRun> medians) {
        List<MedianRun> paced = new ArrayList<>();
        for (MedianRun m : medians) {
            if (m.median().id().kind() == RunKind.LATENCY || m.median().id().kind() == RunKind.C10K) paced.add(m);
        }
        List<LineChart.Reference> targets = List.of(
                new LineChart.Reference("target at 1,000 users: 10 ms", Target.LATENCY_P99_MS, Color.GRAY),
                new LineChart.Reference("C10k target at 10,000 users: 100 ms", Target.C10K_P99_MS, Color.GRAY));
        return new LineChart("p99 latency, 10 senders × 20 msg/s (at 10,000 users: × 10 msg/s)",
                "users (log scale)", "p99 latency, ms (log scale)", true, SuiteReport::milliseconds,
                series(paced, null, RunResult::p99Ms), targets);
    }

    /** 2.69 ms, 26 ms, 1.4 s: short enough for tick and point labels. */
    static String milliseconds(double ms) {
        if (ms >= 1000) return Format.trim(String.format(Locale.ROOT, "%.1f", ms / 1000)) + " s";
        if (ms >= 10) return String.format(Locale.ROOT, "%.0f ms", ms);
        return Format.trim(String.format(Locale.ROOT, "%.2f", ms)) + " ms";
    }

    /** One series per server, from the medians of {@code kind} (any kind if null) that have the figure. */
    private static List<LineChart.Series> series(List<MedianRun> medians, RunKind kind,
                                                 java.util.function.Function<RunResult, Double> figure) {
        Map<String, List<LineChart.Point>> byServer = new LinkedHashMap<>();
        byServer.put("callback", new ArrayList<>());
        byServer.put("streams", new ArrayList<>());
        for (MedianRun m : medians) {
            RunResult r = m.median();
            if (kind != null && r.id().kind() != kind) continue;
            Double y = figure.apply(r);
            if (y == null) continue;
            byServer.computeIfAbsent(r.id().server(), s -> new ArrayList<>()).add(new LineChart.Point(r.id().users(), y));
        }
        List<LineChart.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<LineChart.Point>> e : byServer.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            Color color = e.getKey().equals("callback") ? CALLBACK : e.getKey().equals("streams") ? STREAMS : Color.DARK_GRAY;
            series.add(new LineChart.Series(e.getKey(), color, e.getValue()));
        }
        return series;
    }

    /**
     * Runs the report, printing the tables on {@code out} and what it wrote on {@code err}; returns
     * the exit code. The servers' runs make {@code results.json}, the charts and the Performance
     * section; the runs through the web gateway ({@code raw/web}) make {@code results-web.json} and
     * the web section, so either half can be measured again alone.
     */
    int run(Options options, PrintStream out, PrintStream err) throws IOException {
        List<RawRun> raw = readRaw(options.raw());
        if (raw.isEmpty()) {
            err.println("suite-report: no result files under " + options.raw());
            return 2;
        }
        List<RawRun> chatRaw = raw.stream().filter(r -> !RunResult.WEB.equals(r.id().server())).toList();
        List<RawRun> webRaw = raw.stream().filter(r -> RunResult.WEB.equals(r.id().server())).toList();
        MachineInfo machine = MachineInfo.ofThisMachine();
        Files.createDirectories(options.results().toAbsolutePath().getParent());
        List<MedianRun> medians = medians(chatRaw);
        if (!chatRaw.isEmpty()) writeServersReport(options, machine, medians, chatRaw, err);
        List<MedianRun> webMedians = medians(webRaw);
        if (!webRaw.isEmpty()) writeWebReport(options, machine, webMedians, webRaw, err);
        if (!medians.isEmpty()) {
            out.print(MarkdownTables.deliveries(medians) + "\n" + MarkdownTables.loginAndMemory(medians));
            if (MarkdownTables.hasStorms(medians)) out.print("\n" + MarkdownTables.storms(medians));
        }
        if (!webMedians.isEmpty()) out.print((medians.isEmpty() ? "" : "\n") + MarkdownTables.web(webMedians));
        return 0;
    }

    private static List<MedianRun> medians(List<RawRun> raw) {
        List<RunResult> results = new ArrayList<>();
        for (RawRun run : raw) results.add(RunResult.from(run.id(), run.result()));
        return MedianRun.of(results);
    }

    private void writeServersReport(Options options, MachineInfo machine, List<MedianRun> medians, List<RawRun> raw,
                                    PrintStream err) throws IOException {
        JsonNode suite = suiteOf(options.raw());
        Files.writeString(options.results(), resultsJson(machine, suite, medians, raw), StandardCharsets.UTF_8);
        Path deliveriesPng = options.charts().resolve(DELIVERIES_PNG);
        Path p99Png = options.charts().resolve(P99_PNG);
        deliveriesChart(medians).writePng(deliveriesPng, WIDTH, HEIGHT);
        p99Chart(medians).writePng(p99Png, WIDTH, HEIGHT);
        err.println("suite-report: wrote " + options.results() + ", " + deliveriesPng + ", " + p99Png);

        if (options.readme().isPresent()) {
            Path readme = options.readme().get();
            Path base = readme.toAbsolutePath().getParent();
            PerformanceSection section = new PerformanceSection(machine, when(suite),
                    suite.path("repeats").asInt(1), suite.path("loadAverageBefore").asString("unknown"),
                    suite.path("command").asString("bench/run-suite.sh"), duration(suite.path("seconds").asInt(-1)));
            String body = section.render(medians, relative(base, deliveriesPng), relative(base, p99Png));
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            Files.writeString(readme, ReadmeSection.replace(text, body), StandardCharsets.UTF_8);
            err.println("suite-report: updated the Performance section of " + readme);
        }
    }

    private void writeWebReport(Options options, MachineInfo machine, List<MedianRun> medians, List<RawRun> raw,
                                PrintStream err) throws IOException {
        JsonNode suite = suiteOf(options.raw().resolve(RunResult.WEB));
        Path results = options.results().toAbsolutePath().getParent().resolve(WEB_RESULTS);
        Files.writeString(results, resultsJson(machine, suite, medians, raw), StandardCharsets.UTF_8);
        err.println("suite-report: wrote " + results);
        if (options.readme().isEmpty()) return;
        Path readme = options.readme().get();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        if (!text.contains(WebSection.START) || !text.contains(WebSection.END)) {
            err.println("suite-report: " + readme + " has no " + WebSection.START + " markers; the web table is only printed");
            return;
        }
        WebSection section = new WebSection(when(suite), suite.path("repeats").asInt(1),
                suite.path("loadAverageBefore").asString("unknown"), suite.path("command").asString("bench/run-suite.sh"));
        Files.writeString(readme, ReadmeSection.replace(text, section.render(machine, medians), WebSection.START, WebSection.END),
                StandardCharsets.UTF_8);
        err.println("suite-report: updated the web gateway's table in " + readme);
    }

    private JsonNode suiteOf(Path dir) throws IOException {
        Path suiteFile = dir.resolve("suite.json");
        return Files.exists(suiteFile) ? readJson(suiteFile) : mapper.createObjectNode();
    }

    private static String when(JsonNode suite) {
        String when = suite.path("started").asString(ZonedDateTime.now().format(DateTimeFormatter.ISO_INSTANT));
        return when.replace('T', ' ').replace("Z", " UTC");
    }

    /** "8 min 41 s", or empty when the suite did not say. */
    static String duration(int seconds) {
        if (seconds < 0) return "";
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }

    private JsonNode readJson(Path file) throws IOException {
        try {
            return mapper.readTree(file);
        } catch (JacksonException e) {
            throw new IOException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * What to read and where to write.
     *
     * @param readme the README to update; empty with {@code --no-readme}
     */
    record Options(Path raw, Path results, Path charts, Optional<Path> readme) {

        static Options parse(String[] args) {
            Path raw = Path.of("bench/results/raw");
            Path results = Path.of("bench/results/results.json");
            Path charts = Path.of("docs");
            Path readme = Path.of("README.md");
            boolean noReadme = false;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--no-readme")) {
                    noReadme = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                Path value = Path.of(args[++i]);
                switch (flag) {
                    case "--raw": raw = value; break;
                    case "--results": results = value; break;
                    case "--charts": charts = value; break;
                    case "--readme": readme = value; break;
                    default: throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            return new Options(raw, results, charts, noReadme ? Optional.empty() : Optional.of(readme));
        }
    }

    static final String USAGE = "usage: SuiteReport [--raw DIR] [--results FILE] [--charts DIR] [--readme FILE | --no-readme]\n"
            + "  defaults: bench/results/raw, bench/results/results.json, docs, README.md (run from the repository root)";

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        try {
            System.exit(new SuiteReport().run(Options.parse(args), System.out, System.err));
        } catch (IllegalArgumentException e) {
            System.err.println("suite-report: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("suite-report: " + e.getMessage());
            System.exit(1);
        }
    }
}
