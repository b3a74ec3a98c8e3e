package dev.chatd.bench.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run's repeats, as chat-bench wrote them into a flat raw directory; the reports of the suite's
 * side parts (the cluster, the transports) take the median of each figure over them.
 *
 * @param run     the run's name, from its file names ({@code latency-1000}, {@code epoll-fanout-1000})
 * @param results its repeats, in file-name order
 */
record Repeats(String run, List<JsonNode> results) {

    /**
     * Every {@code *-r<repeat>.json} file under {@code raw} whose name matches {@code fileName}, by
     * the pattern's first group, the runs in name order.
     */
    static Map<String, Repeats> read(JsonMapper mapper, Path raw, String fileName) throws IOException {
        Pattern pattern = Pattern.compile(fileName);
        Map<String, List<Path>> files = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(raw, "*-r*.json")) {
            for (Path file : dir) {
                Matcher m = pattern.matcher(file.getFileName().toString());
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

    /** The median of a figure over the repeats that have it; NaN when none has. */
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

    /** How many repeats were clean (chat-bench's {@code ok}). */
    long clean() {
        return results.stream().filter(r -> r.path("ok").asBoolean(false)).count();
    }

    /** The largest value of a {@code delivery} counter over the repeats ({@code lost}, {@code outOfOrder}). */
    long worst(String deliveryField) {
        return results.stream().mapToLong(r -> r.path("delivery").path(deliveryField).asLong(-1)).max().orElse(-1);
    }

    /** A JSON number as a double; NaN when absent. */
    static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
