package dev.chatd.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianRunTest {

    @Test
    void keepsTheRepeatWithTheMedianKeyWhole() {
        RunResult slow = fanout(1, 1_000_000, 9.0);
        RunResult middle = fanout(2, 1_200_000, 30.0);
        RunResult fast = fanout(3, 1_500_000, 2.0);
        MedianRun m = MedianRun.ofRepeats(List.of(fast, slow, middle));
        assertSame(middle, m.median(), "the median by deliveries/s, with that repeat's own latency");
        assertEquals(3, m.repeats());
        assertEquals(1_000_000, m.keyMin());
        assertEquals(1_500_000, m.keyMax());
    }

    @Test
    void takesTheLowerMiddleOfAnEvenNumberAndIgnoresUnmeasuredRepeats() {
        RunResult a = latency(1, 4.0);
        RunResult b = latency(2, 6.0);
        RunResult unmeasured = latency(3, null);
        assertSame(a, MedianRun.ofRepeats(List.of(b, a, unmeasured)).median());
        assertSame(unmeasured, MedianRun.ofRepeats(List.of(unmeasured)).median(), "a lone unmeasured run is still shown");
    }

    @Test
    void groupsByServerKindAndUsers() {
        List<MedianRun> medians = MedianRun.of(List.of(fanout(1, 1, 1.0), fanout(2, 3, 1.0), fanout(3, 2, 1.0),
                latency(1, 5.0)));
        assertEquals(2, medians.size());
        assertEquals(2.0, medians.get(0).median().deliveriesPerSecond());
        assertEquals(5.0, medians.get(1).median().p99Ms());
    }

    static RunResult fanout(int repeat, double perSecond, Double p99) {
        return new RunResult(new RunId("callback", RunKind.FANOUT, 1000, repeat), true, null, perSecond, 1.0, p99,
                p99, p99, 0L, 0.5, 1.0, 1.0, 1000.0, null, null, null, null, null, null);
    }

    static RunResult latency(int repeat, Double p99) {
        return new RunResult(new RunId("callback", RunKind.LATENCY, 1000, repeat), true, null, 200_000.0, 1.0, p99,
                p99, p99, 0L, 0.5, 1.0, 1.0, 1000.0, null, null, null, null, null, null);
    }
}
