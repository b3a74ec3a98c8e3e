package dev.chatd.testkit.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FakeUser;
import dev.chatd.testkit.cluster.NodeSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak test, run against each server by a one-line subclass: {@link SoakDriver} with 1,000
 * users for 18 s (longer with {@code -Dsoak.seconds=600}; reproduce a run with
 * {@code -Dsoak.seed=<seed>}), then:
 * <ul>
 *   <li>no violation (seq gap, order, lost own line, stray private message, silent cut);</li>
 *   <li>at least one slow reader was cut, so that promise was really put to the test;</li>
 *   <li>nothing left behind: the hub's gauges back to no users, only {@code #lobby}, no
 *       connections, and {@code /who} and {@code /rooms} agree;</li>
 *   <li>heap after GC back within {@link #HEAP_SLACK_BYTES} of where it started.</li>
 * </ul>
 * The server runs with a small output limit (256 KiB; on loopback the kernel alone takes over 1 MiB for a stalled reader) and a tight rate burst (20), so that slow
 * readers are cut and floods are throttled within a short run.
 */
@Tag("soak")
public abstract class SoakContract {

    /**
     * How far heap may stay above its starting point. Generous on purpose: Netty's pooled heap
     * arenas and the JIT's and class loading's on-heap leftovers legitimately keep several MiB,
     * while a real leak of per-user state (1,000s of users, each with queues and buffers) would
     * be far above it, and a leak of whole users shows in the hub's gauges anyway.
     */
    static final long HEAP_SLACK_BYTES = 64L * 1024 * 1024;

    /** The server under test. */
    protected abstract ChatServerFactory serverFactory();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    public void thousandUsersChurnWithNothingLost() throws Exception {
        ChatConfig config = ChatConfig.forTests()
                .withOutputLimitBytes(256 * 1024)
                .withRateLimit(20)
                .withRateBurst(20);
        SoakSettings settings = SoakSettings.fromSystemProperties();
        ChatServer server = serverFactory().start(config);
        try {
            long heapBefore = usedHeapAfterGc();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            long started = System.nanoTime();
            // A cluster: each user on the node the fixture places it on, so the churn crosses nodes.
            SoakDriver driver = server instanceof NodeSet nodes ? new SoakDriver(nodes::addressFor, settings)
                    : new SoakDriver(address, settings);
            SoakReport report = driver.run();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            System.out.printf("soak %s, seed %d, %d users for %s (%d s in all): %s%n",
                    getClass().getSimpleName(), settings.seed(), settings.users(), settings.duration(), seconds,
                    report.summary());

            assertTrue(report.violations().isEmpty(), () -> String.join("\n", report.violations()));
            assertTrue(report.slowCut() > 0, "no slow reader was cut: the run did not test that (seed "
                    + settings.seed() + ")");
            assertNothingLeftBehind(server, address);
            long heapAfter = awaitHeapBackNear(heapBefore);
            System.out.printf("soak %s: heap after GC %d MiB before, %d MiB after%n",
                    getClass().getSimpleName(), heapBefore >> 20, heapAfter >> 20);
        } finally {
            server.close();
        }
    }

    private static void assertNothingLeftBehind(ChatServer server, InetSocketAddress address) {
        for (ChatServer node : server instanceof NodeSet nodes ? nodes.nodes() : java.util.List.of(server)) {
            ChatHub hub = node.hub();
            Awaitility.await("hub back to empty").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertEquals(0, hub.userCount(), "users");
                assertEquals(1, hub.roomCount(), "rooms");
                assertEquals(0, hub.connectionCount(), "connections");
            });
        }
        try (FakeUser last = FakeUser.connect(address, "last")) {
            last.login("last");
            last.send("/who");
            last.expectNext("* users in #lobby: last");
            last.send("/rooms");
            last.expectNext("* rooms: #lobby (1)");
        }
    }

    private static long awaitHeapBackNear(long before) {
        long[] after = new long[1];
        Awaitility.await("heap back near its start").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    after[0] = usedHeapAfterGc();
                    return after[0] <= before + HEAP_SLACK_BYTES;
                });
        return after[0];
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
