package dev.chatd.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RunResultTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void fileNamesSayServerKindUsersAndRepeat() {
        assertEquals(Optional.of(new RunId("streams", RunKind.C10K, 10_000, 2)), RunId.of("streams", "c10k-10000-r2.json"));
        assertEquals(Optional.of(new RunId("callback", RunKind.FANOUT, 100, 1)), RunId.of("callback", "fanout-100-r1.json"));
        assertEquals(Optional.empty(), RunId.of("callback", "suite.json"));
        assertEquals(Optional.empty(), RunId.of("callback", "fanout-100-r1.log"));
        assertEquals(Optional.empty(), RunId.of("callback", "burst-100-r1.json"), "an unknown kind is not a result");
    }

    @Test
    void readsTheFiguresOfAFanoutResult() {
        RunId id = new RunId("callback", RunKind.FANOUT, 1000, 1);
        RunResult r = RunResult.from(id, mapper.readTree(SampleResults.fanout(1000, 1_600_000, 8.5, 3, false)));
        assertEquals(1_600_000, r.deliveriesPerSecond());
        assertEquals(1.25, r.p50Ms());
        assertEquals(8.5, r.p99Ms());
        assertEquals(12.5, r.p999Ms());
        assertEquals(40.0, r.maxMs());
        assertEquals(3L, r.lost());
        assertEquals(0.6, r.generatorCores());
        assertEquals(1.2, r.serverCores());
        assertEquals(1.5, r.loginSeconds());
        assertEquals(300_000_000L, r.peakRssBytes());
        assertFalse(r.ok());
        assertEquals("1 users disconnected", r.error());
        assertNull(r.heapBytesPerUser(), "a fan-out run has no memory figures");
        assertEquals(1_600_000, r.key(), "full speed is judged by deliveries per second");
    }

    @Test
    void readsTheFiguresOfAnIdleResult() {
        RunId id = new RunId("streams", RunKind.IDLE, 10_000, 1);
        RunResult r = RunResult.from(id, mapper.readTree(SampleResults.idle(10_000, 3100)));
        assertTrue(r.ok());
        assertNull(r.error());
        assertNull(r.deliveriesPerSecond());
        assertNull(r.p99Ms());
        assertEquals(3100L, r.heapBytesPerUser());
        assertEquals(9000L, r.rssBytesPerUser());
        assertEquals(400_000_000L, r.peakRssBytes());
        assertEquals(4.25, r.loginSeconds());
        assertEquals(0.25, r.generatorCores());
        assertEquals(3100.0, r.key());
    }
}
