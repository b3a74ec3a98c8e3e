package dev.chatd.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceSectionTest {

    private static final MachineInfo MACHINE = new MachineInfo(2, "Test CPU", "4.0 GiB", "Linux 6.1", "OpenJDK 17");

    @Test
    void statesTheMachineTheRunAndHowToReproduce() {
        String text = section("0.50 0.40 0.30").render(List.of(), "docs/a.png", "docs/b.png");
        assertTrue(text.contains("Measured on 2026-11-22 05:00:00 UTC with `bench/run-suite.sh`: the median of 3 runs each,"
                + " 21 min 5 s in all (load average before the suite: 0.50 0.40 0.30)."), text);
        assertTrue(text.contains("**Machine:** 2 cores (`nproc`), Test CPU, 4.0 GiB memory, Linux 6.1, OpenJDK 17."), text);
        assertTrue(text.contains("![p99 latency against users, both servers](docs/b.png)"), text);
        assertTrue(text.contains("```sh\nbench/run-suite.sh\n```"), text);
        assertFalse(text.contains("busy"), "a quiet machine gets no warning");
    }

    @Test
    void warnsWhenTheMachineWasBusy() {
        PerformanceSection busy = section("9.82 8.51 5.56");
        assertTrue(busy.busy());
        assertTrue(busy.render(List.of(), "a", "b").contains("busy with other work (load average 9.82 on 2 cores)"));
        assertFalse(section("unknown").busy());
    }

    @Test
    void durationsAreMinutesAndSeconds() {
        assertEquals("8 min 41 s", SuiteReport.duration(521));
        assertEquals("59 s", SuiteReport.duration(59));
        assertEquals("", SuiteReport.duration(-1));
    }

    private static PerformanceSection section(String load) {
        return new PerformanceSection(MACHINE, "2026-11-22 05:00:00 UTC", 3, load, "bench/run-suite.sh", "21 min 5 s");
    }
}
