package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerProbeTest {

    private static final String STATUS = String.join("\n",
            "Name:\tjava",
            "VmPeak:\t 9000000 kB",
            "VmHWM:\t  503316 kB",
            "VmRSS:\t  163840 kB",
            "Threads:\t27",
            "");

    @Test
    void readsCurrentAndPeakResidentMemoryInBytes() {
        assertEquals(OptionalLong.of(163840L * 1024), ServerProbe.parseStatusBytes(STATUS, "VmRSS:"));
        assertEquals(OptionalLong.of(503316L * 1024), ServerProbe.parseStatusBytes(STATUS, "VmHWM:"));
    }

    @Test
    void aMissingFieldIsNoFigure() {
        assertEquals(OptionalLong.empty(), ServerProbe.parseStatusBytes("Name:\tjava\n", "VmHWM:"));
    }

    @Test
    void runningProcessHasAPeakAtLeastItsResidentMemory() {
        ServerProbe self = new ServerProbe(ProcessHandle.current().pid());
        long rss = self.rssBytes().orElseThrow();
        long peak = self.peakRssBytes().orElseThrow();
        assertEquals(true, peak >= rss, "peak " + peak + " < rss " + rss);
    }
}
