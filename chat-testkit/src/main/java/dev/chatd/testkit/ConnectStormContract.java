package dev.chatd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A connect storm while users are in the room, as when a server restarts under load and every
 * client reconnects at once: a burst of connections opened as fast as one client thread can, each
 * logging in as soon as it is prompted, while the logins before it are still being announced to
 * the room. Every connection must be welcomed, prompted and logged in; none may fail to connect,
 * be reset or be closed. Counts and outcomes only: how long it takes is the benchmark's business
 * ({@code chat-bench idle --connect-rate}); the bound below only ends a run that will never finish.
 *
 * <p>Sized to fail on a server whose accept loop waits behind the login fan-out (the streams
 * server before its I/O and session threads were split: 3,373 to 3,676 of 4,000 logged in, in
 * each of five runs), yet to take a working server a few seconds. The burst of {@value #BURST} is more
 * than a listen backlog of 1,024 holds while the accepts wait. Then Linux answers SYNs with SYN
 * cookies, and drops the client's final ACK if the accept queue is still full: the client thinks
 * it is connected and waits for a welcome that never comes, because the server never knew of
 * the connection. With {@value #IN_THE_ROOM} users already in {@code #lobby} each login is a
 * broadcast to a thousand or more, which is what keeps the accepts waiting. In one JVM it costs
 * 2 x ({@value #IN_THE_ROOM} + {@value #BURST}) file descriptors.
 */
public abstract class ConnectStormContract extends ServerContract {

    static final int IN_THE_ROOM = 1000;
    static final int BURST = 3000;
    /** Far more than a working server needs on a busy machine; a lost connection never comes. */
    private static final Duration WITHIN = Duration.ofSeconds(25);

    @Test
    public void aBurstOfConnectionsWhileUsersAreInTheRoomAllLogIn() throws IOException {
        try (LoginBurst clients = new LoginBurst(address())) {
            clients.open("room", IN_THE_ROOM);
            assertEquals(LoginBurst.Outcome.allLoggedIn(IN_THE_ROOM), clients.awaitLoggedIn(IN_THE_ROOM, WITHIN),
                    "the users in the room before the burst");
            clients.open("burst", BURST);
            int all = IN_THE_ROOM + BURST;
            assertEquals(LoginBurst.Outcome.allLoggedIn(all), clients.awaitLoggedIn(all, WITHIN),
                    "everyone after the burst: room and burst together");
            assertEquals(all, server().hub().userCount(), "users the hub holds");
        }
    }
}
