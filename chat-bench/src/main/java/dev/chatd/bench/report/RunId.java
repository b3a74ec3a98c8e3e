package dev.chatd.bench.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which run a result file holds: the server, the kind of run, the number of users and the repeat,
 * read from its place {@code <server>/<kind>-<users>-r<repeat>.json}.
 */
public record RunId(String server, RunKind kind, int users, int repeat) {

    private static final Pattern FILE_NAME = Pattern.compile("([a-z0-9]+)-([0-9]+)-r([0-9]+)\\.json");

    /** The id of a result file in the given server's directory; empty for any other file. */
    public static Optional<RunId> of(String server, String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) return Optional.empty();
        return RunKind.ofFileName(m.group(1)).map(kind ->
                new RunId(server, kind, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** The same run, any repeat: what a median is taken over. */
    public RunId anyRepeat() {
        return new RunId(server, kind, users, 0);
    }
}
