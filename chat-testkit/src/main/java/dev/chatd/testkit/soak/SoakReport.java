package dev.chatd.testkit.soak;

import java.util.List;

/**
 * What a soak run did and found.
 *
 * @param connections     connections opened over the run, anchors included
 * @param linesReceived   lines the fake users received
 * @param roomEvents      room events (with a {@code seq}) received and checked
 * @param messagesSent    chat lines sent (each must come back to its sender)
 * @param abruptCloses    connections the users dropped without {@code /quit} (FIN or reset)
 * @param quits           connections ended with {@code /quit} and answered with {@code * bye}
 * @param slowCut         slow readers the server closed, each seen leaving with {@code (too slow)}
 * @param othersCut       other users the server closed (too slow, or cut while its /quit was answered): allowed, worth knowing
 * @param othersCutWhy    role and reason of the others cut, counted
 * @param violations      every broken promise found, at most a few hundred; empty when all is well
 */
public record SoakReport(int connections, long linesReceived, long roomEvents, long messagesSent,
                         int abruptCloses, int quits, int slowCut, int othersCut, String othersCutWhy,
                         List<String> violations) {

    /** One line of figures for the build log and the docs. */
    public String summary() {
        return String.format("%d connections, %d lines received, %d room events checked, %d messages sent, "
                        + "%d abrupt closes, %d quits, %d slow readers cut, %d others cut %s, %d violations",
                connections, linesReceived, roomEvents, messagesSent, abruptCloses, quits, slowCut, othersCut, othersCutWhy,
                violations.size());
    }
}
