package dev.chatd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes in random reads through every input path: none throws, none passes its limit, and
 * all of them give exactly the lines and overruns of {@link ReferenceInput}, so they also agree with
 * each other. A failure names the seed; rerun it with {@code -Dfuzz.seed=<seed>}. More cases with
 * {@code -Dfuzz.cases=<n>}.
 */
class InputPathsFuzzTest {

    private static final int DEFAULT_CASES = 20_000;

    @Test
    void everyPathGivesTheReferenceLines() {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        Random random = new Random(seed);
        List<InputPath> paths = InputPaths.all(random);
        for (int n = 0; n < cases; n++) {
            FuzzInput input = FuzzInput.draw(random);
            List<Object> expected = ReferenceInput.decode(input.bytes(), input.maxLineBytes());
            for (InputPath path : paths) {
                String where = "seed " + seed + " (-Dfuzz.seed=" + seed + "), case " + n + ", " + path.name()
                        + ", " + input.describe();
                List<Object> actual;
                try {
                    actual = path.decode(input.chunks(), input.maxLineBytes());
                } catch (Throwable e) {
                    throw new AssertionError("threw: " + where, e);
                }
                assertEquals(expected, actual, where);
                assertWithinLimits(actual, input.maxLineBytes(), where);
            }
        }
    }

    /** Every byte gives at most one char, so a line within the byte limit is within it in chars too. */
    private static void assertWithinLimits(List<Object> lines, int maxLineBytes, String where) {
        for (Object item : lines) {
            Object line = item;
            if (line instanceof Decoded.Unterminated last) {
                line = last.line();
            }
            if (line instanceof String text) {
                assertTrue(text.length() <= maxLineBytes, () -> "line over the limit: " + where);
                assertTrue(text.indexOf('\n') < 0 && text.indexOf('\r') < 0, () -> "line end inside a line: " + where);
            } else if (line != Decoded.LINE_TOO_LONG && !(line instanceof Decoded.Telnet)) {
                fail("unexpected message " + line + ": " + where);
            }
        }
    }
}
