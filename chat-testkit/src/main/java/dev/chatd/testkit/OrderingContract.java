package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md "Promises", order: every member of a room receives its lines in one identical
 * order, and a user's own lines appear in the order they were sent.
 */
public abstract class OrderingContract extends ServerContract {

    @Test
    public void manyConcurrentSendersAllSeeOneOrder() throws Exception {
        int userCount = 200;
        int perUser = 5;
        List<String> names = names("u", userCount);
        List<FakeUser> users = loginAll(names.toArray(String[]::new));

        inParallel(users, user -> {
            for (int i = 0; i < perUser; i++) {
                user.send(user.label() + "-" + i);
            }
        });

        List<String> reference = users.get(0).nextLines(userCount * perUser);
        List<String> everyMessage = new ArrayList<>();
        for (String name : names) {
            List<String> own = IntStream.range(0, perUser).mapToObj(i -> name + ": " + name + "-" + i)
                    .collect(Collectors.toList());
            everyMessage.addAll(own);
            assertSameLines(name + "'s lines in send order", own,
                    reference.stream().filter(line -> line.startsWith(name + ": ")).collect(Collectors.toList()));
        }
        assertSameLines("each message exactly once", sorted(everyMessage), sorted(reference));
        for (FakeUser user : users.subList(1, users.size())) {
            assertSameLines(user.label() + " saw the same order", reference, user.nextLines(reference.size()));
        }
    }

    /**
     * Joins are room lines too: members see them in the same order as messages, and a newcomer
     * sees exactly the room's lines from its own join on, plus its users line, which names who was
     * in the room at that moment.
     */
    @Test
    public void joinsAndMessagesInterleaveInOneOrder() throws Exception {
        int perChatter = 10;
        List<FakeUser> chatters = loginAll(names("c", 20).toArray(String[]::new));
        List<FakeUser> newcomers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            FakeUser newcomer = connectToPrompt();
            newcomers.add(newcomer);
        }
        List<String> newcomerNames = names("n", 10);

        List<FakeUser> everyone = new ArrayList<>(chatters);
        everyone.addAll(newcomers);
        inParallel(everyone, user -> {
            int index = newcomers.indexOf(user);
            if (index >= 0) {
                user.send(newcomerNames.get(index));
            } else {
                for (int i = 0; i < perChatter; i++) {
                    user.send("m" + i);
                }
            }
        });

        List<String> reference = chatters.get(0).nextLines(chatters.size() * perChatter + newcomers.size());
        for (FakeUser chatter : chatters) {
            if (chatter != chatters.get(0)) {
                assertSameLines(chatter.label() + " saw the same order", reference, chatter.nextLines(reference.size()));
            }
        }

        for (int k = 0; k < newcomers.size(); k++) {
            FakeUser newcomer = newcomers.get(k);
            String joined = "* " + newcomerNames.get(k) + " joined #lobby";
            newcomer.awaitLine(joined);
            int at = reference.indexOf(joined);
            List<String> after = new ArrayList<>(newcomer.nextLines(reference.size() - at)); // the rest + users line
            String usersLine = after.stream().filter(line -> line.startsWith("* users in #lobby: ")).findFirst()
                    .orElseThrow(() -> new AssertionError(joined + ": no users line in " + after));
            after.remove(usersLine);
            assertSameLines(newcomerNames.get(k) + " saw the room's lines from its join on",
                    reference.subList(at + 1, reference.size()), after);

            List<String> present = new ArrayList<>(names("c", 20));
            for (String line : reference.subList(0, at + 1)) {
                if (line.startsWith("* n") && line.endsWith(" joined #lobby")) {
                    present.add(line.substring(2, line.length() - " joined #lobby".length()));
                }
            }
            present.sort(String.CASE_INSENSITIVE_ORDER);
            assertEquals("* users in #lobby: " + String.join(", ", present), usersLine);
        }
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s%03d", prefix, i)).collect(Collectors.toList());
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    /** Runs one task per user on a few threads and waits for all of them. */
    private static void inParallel(List<FakeUser> users, Consumer<FakeUser> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (FakeUser user : users) {
                done.add(pool.submit(() -> task.accept(user)));
            }
            for (Future<?> future : done) {
                future.get(FakeUser.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
