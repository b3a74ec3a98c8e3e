package dev.chatd.common.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import org.junit.jupiter.api.Test;

/** The bound docs/protocol.md gives for a cluster: output limit / (2 × (3 × line limit + 512)), at least 1. */
class OwnEventBoundTest {

    @Test
    void theDefaultsAllowFortyAndTheFlowContractsLimitTen() {
        assertEquals(40, OwnEventBound.of(ChatConfig.defaults()));
        assertEquals(10, OwnEventBound.of(ChatConfig.defaults().withOutputLimitBytes(256 * 1024)));
    }

    @Test
    void everythingInFlightEchoesInHalfTheOutputLimitAtMost() {
        for (long limit : new long[] {64 * 1024, 256 * 1024, 1 << 20, 64L << 20}) {
            for (int line : new int[] {512, 4096, 65536}) {
                ChatConfig config = ChatConfig.defaults().withOutputLimitBytes(limit).withMaxLineBytes(line);
                int bound = OwnEventBound.of(config);
                assertTrue(bound == 1 || bound * OwnEventBound.longestEcho(line) <= limit / 2, limit + "/" + line);
            }
        }
    }

    @Test
    void aLimitBelowOneEchoStillLetsOneEventGo() {
        assertEquals(1, OwnEventBound.of(ChatConfig.defaults().withOutputLimitBytes(1000)));
    }
}
