package dev.chatd.testkit.soak;

import java.time.Duration;

/**
 * How a soak run behaves. Shares are fractions of the users.
 *
 * @param users              fake users connected at any time (anchors not counted)
 * @param duration           how long users act before everyone leaves
 * @param seed               seeds every random choice; printed with every failure
 * @param rooms              rooms besides {@code #lobby} that users move between
 * @param slowShare          users that stop reading once they are in a room
 * @param floodShare         users that sometimes send a burst of long lines
 * @param meanActionInterval how often, on average, an active user does something
 * @param floodLines         lines in one flood (more than the rate burst, so they get throttled)
 */
public record SoakSettings(int users, Duration duration, long seed, int rooms, double slowShare,
                           double floodShare, Duration meanActionInterval, int floodLines) {

    /** The CI run: 1,000 users for {@code -Dsoak.seconds} (default 18) seconds, seed from {@code -Dsoak.seed}. */
    public static SoakSettings fromSystemProperties() {
        long seconds = Long.getLong("soak.seconds", 18);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        int users = Integer.getInteger("soak.users", 1000);
        return new SoakSettings(users, Duration.ofSeconds(seconds), seed, 20, 0.02, 0.01,
                Duration.ofSeconds(4), 50);
    }
}
