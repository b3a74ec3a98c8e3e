package dev.chatd.callback;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a client's lines on its own thread, so a test can make that client write a lot without it
 * becoming a slow reader itself.
 */
final class BackgroundReader {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line skipped so far, so a line that came early is not missed by a later wait. */
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();

    BackgroundReader(LineClient client) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    lines.add(client.readLine());
                }
            } catch (Throwable endOfStreamOrTimeout) {
                // The test reads what came before; a missing line shows up as a timeout there.
            }
        }, "test-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads lines until one equals {@code expected}, failing if it does not come within the client's
     * timeout. A line already skipped by an earlier call counts as come.
     */
    void skipUntil(String expected) throws InterruptedException {
        if (skipped.remove(expected)) {
            return;
        }
        while (true) {
            String line = lines.poll(LineClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no line <" + expected + "> within the timeout");
            }
            if (line.equals(expected)) {
                return;
            }
            skipped.add(line);
        }
    }
}
