package dev.chatd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks that this process may open one descriptor per simulated user, from the soft and hard
 * limits in {@code /proc/self/limits} ("Max open files"), before any connection is made.
 *
 * @param soft the soft limit in force; {@link Long#MAX_VALUE} when unlimited
 * @param hard the ceiling the soft limit can be raised to without root
 */
public record OpenFileLimit(long soft, long hard) {

    /** Descriptors the JVM and Netty hold anyway: jars, epoll, event fds, stdio. */
    public static final int RESERVED = 64;

    /** Reads this process's limits; empty where there is no /proc (not Linux). */
    public static Optional<OpenFileLimit> ofThisProcess() {
        try {
            return parse(Files.readString(Path.of("/proc/self/limits")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads the "Max open files" line of a {@code /proc/<pid>/limits} text. */
    public static Optional<OpenFileLimit> parse(String limitsText) {
        for (String line : limitsText.split("\n")) {
            if (!line.startsWith("Max open files")) continue;
            String[] words = line.substring("Max open files".length()).trim().split("\\s+");
            if (words.length < 2) return Optional.empty();
            OptionalLong soft = number(words[0]);
            OptionalLong hard = number(words[1]);
            if (soft.isEmpty() || hard.isEmpty()) return Optional.empty();
            return Optional.of(new OpenFileLimit(soft.getAsLong(), hard.getAsLong()));
        }
        return Optional.empty();
    }

    /** Fails with a message saying the limit and how to raise it if {@code users} connections won't fit. */
    public void check(int users) throws SetupException {
        long needed = (long) users + RESERVED;
        if (needed <= soft) return;
        String raise = needed <= hard
                ? "raise it in this shell with `ulimit -n " + needed + "` (the hard limit allows up to " + hard + ")"
                : "the hard limit is " + hard + ", so as root raise it first (`ulimit -Hn " + needed
                        + "`, or nofile in /etc/security/limits.conf) and then `ulimit -n " + needed + "`";
        throw new SetupException(users + " users need " + needed + " open files (one per connection plus "
                + RESERVED + " for the JVM), but this process may open only " + soft
                + " (soft limit, \"Max open files\" in /proc/self/limits); " + raise);
    }

    private static OptionalLong number(String word) {
        if (word.equals("unlimited")) return OptionalLong.of(Long.MAX_VALUE);
        try {
            return OptionalLong.of(Long.parseLong(word));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
