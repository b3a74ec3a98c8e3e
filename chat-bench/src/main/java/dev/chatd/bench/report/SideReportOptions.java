package dev.chatd.bench.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line of the reports of the suite's side parts ({@link ClusterReport},
 * {@link TransportReport}): {@code --raw DIR --results FILE [--readme FILE | --no-readme]}.
 *
 * @param readme the README whose table to replace; null with {@code --no-readme} or without {@code --readme}
 */
record SideReportOptions(Path raw, Path results, Path readme) {

    /** The options, or empty after printing what was wrong on {@code err} (exit 2). */
    static Optional<SideReportOptions> parse(String[] args, String program, PrintStream err) {
        Path raw = null;
        Path results = null;
        Path readme = null;
        boolean noReadme = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--no-readme")) {
                noReadme = true;
                continue;
            }
            if (i + 1 >= args.length) {
                err.println(program + ": " + flag + " needs a value");
                return Optional.empty();
            }
            switch (flag) {
                case "--raw" -> raw = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--readme" -> readme = Path.of(args[++i]);
                default -> {
                    err.println(program + ": unknown option " + flag);
                    return Optional.empty();
                }
            }
        }
        if (raw == null || results == null) {
            err.println("usage: " + program + " --raw DIR --results FILE [--readme FILE | --no-readme]");
            return Optional.empty();
        }
        return Optional.of(new SideReportOptions(raw, results, noReadme ? null : readme));
    }
}
