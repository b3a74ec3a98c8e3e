package dev.chatd.common.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text format, read back just enough to assert on: each metric's
 * {@code # TYPE} and each sample's value by its series, e.g. {@code chatd_rejected_lines_total{reason="usage"}}.
 */
record Exposition(Map<String, String> types, Map<String, Double> samples) {

    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)");

    static Exposition parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
            } else if (!line.startsWith("#") && sample.matches()) {
                samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
            }
        }
        return new Exposition(types, samples);
    }

    /** The value of one series; fails the test when it is missing. */
    double value(String series) {
        Double value = samples.get(series);
        if (value == null) throw new AssertionError("no sample " + series + " in " + samples.keySet());
        return value;
    }
}
