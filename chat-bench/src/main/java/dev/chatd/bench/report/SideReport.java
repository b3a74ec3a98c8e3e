package dev.chatd.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the reports of the suite's side parts share: read a flat raw directory of chat-bench
 * results into {@link Repeats}, write them with the part's {@code suite.json} to a results file,
 * print the part's table and put it between its README markers.
 *
 * @param program  the name in messages ({@code cluster-report})
 * @param fileName the raw file names, the run's name as the first group
 * @param start    the README's opening marker
 * @param end      its closing marker
 * @param what     what the table is, in messages ({@code the cluster table})
 * @param table    the Markdown for the runs, the part's suite.json and this machine
 */
record SideReport(String program, String fileName, String start, String end, String what, Table table) {

    /** Renders a side part's table. */
    @FunctionalInterface
    interface Table {
        String render(Map<String, Repeats> runs, JsonNode suite, MachineInfo machine);
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Parses {@code args}, writes everything; the exit code (2 for a bad command line, 1 when writing failed). */
    int run(String[] args, PrintStream out, PrintStream err) {
        var options = SideReportOptions.parse(args, program, err);
        if (options.isEmpty()) return 2;
        try {
            write(options.get(), out, err);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println(program + ": " + e.getMessage());
            return 1;
        }
    }

    /** Every result file under {@code raw}, by run, repeats in order. */
    Map<String, Repeats> read(Path raw) throws IOException {
        return Repeats.read(MAPPER, raw, fileName);
    }

    private void write(SideReportOptions options, PrintStream out, PrintStream err) throws IOException {
        Map<String, Repeats> runs = read(options.raw());
        if (runs.isEmpty()) {
            err.println(program + ": no results under " + options.raw());
            return;
        }
        Path suiteFile = options.raw().resolve("suite.json");
        JsonNode suite = Files.exists(suiteFile) ? MAPPER.readTree(suiteFile) : MAPPER.createObjectNode();
        String markdown = table.render(runs, suite, MachineInfo.ofThisMachine());
        ObjectNode json = MAPPER.createObjectNode();
        json.set("suite", suite);
        ObjectNode rawRuns = json.putObject("raw");
        runs.forEach((name, r) -> rawRuns.set(name, MAPPER.valueToTree(r.results())));
        Files.writeString(options.results(), MAPPER.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        err.println(program + ": wrote " + options.results());
        out.print(markdown);
        Path readme = options.readme();
        if (readme == null) return;
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        if (!text.contains(start) || !text.contains(end)) {
            err.println(program + ": " + readme + " has no " + start + " markers; " + what + " is only printed");
            return;
        }
        Files.writeString(readme, ReadmeSection.replace(text, markdown, start, end), StandardCharsets.UTF_8);
        err.println(program + ": updated " + what + " in " + readme);
    }

    /** "2026-12-01 12:00:00 UTC" from the part's suite.json, "?" when it did not say. */
    static String when(JsonNode suite) {
        return suite.path("started").asString("?").replace('T', ' ').replace("Z", " UTC");
    }
}
