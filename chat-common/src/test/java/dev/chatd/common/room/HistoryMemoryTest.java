package dev.chatd.common.room;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What history costs in heap: 10,000 rooms of one user each, 100 events of a 55-character
 * message per room (the figure docs/protocol.md and the README quote). Opt-in, because it holds
 * some 300 MiB and measures the heap of its whole JVM:
 * {@code mvn -B -pl chat-common -am test -Dtest=HistoryMemoryTest -Dhistory.memory=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "history.memory", matches = "true")
class HistoryMemoryTest {

    private static final int ROOMS = 10_000;
    private static final int EVENTS = 100;

    @Test
    void tenThousandRoomsOfAHundredEvents() {
        ChatHub hub = new ChatHub(ChatConfig.forTests().withMaxUsers(ROOMS + 1).withHistoryEvents(EVENTS));
        List<User> users = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            Connection discard = new Connection() {
                @Override
                public void send(byte[] line) {
                }

                @Override
                public void sendLast(byte[] line) {
                }

                @Override
                public String remote() {
                    return "memory";
                }
            };
            hub.admit(discard);
            User user = ((Login.Accepted) hub.login(discard, "user" + i)).user();
            user.handle("/join room" + i);
            users.add(user);
        }
        long before = liveHeap();
        String text = "x".repeat(40);
        for (User user : users) {
            for (int m = 0; m < EVENTS; m++) user.handle("message " + m + " " + text);
        }
        long after = liveHeap();
        double perEvent = (after - before) / (double) (ROOMS * (long) EVENTS);
        System.out.printf("history: %d rooms x %d events: %.1f MiB, %.0f bytes per event%n",
                ROOMS, EVENTS, (after - before) / 1048576.0, perEvent);
        // The event, its text line and the ring slot: a second copy of the bytes would not pass this.
        assertTrue(perEvent < 600, "history keeps more than the live lines: " + perEvent + " bytes per event");
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
