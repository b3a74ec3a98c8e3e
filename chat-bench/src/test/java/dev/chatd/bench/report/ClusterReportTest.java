package dev.chatd.bench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClusterReportTest {

    private static final MachineInfo MACHINE = new MachineInfo(2, "Test CPU", "4.0 GiB", "Linux 6.1", "OpenJDK 17");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path raw;

    private void result(String file, String json) throws Exception {
        Files.writeString(raw.resolve(file), json);
    }

    private static String fanout(double perSecond, double p50, double p99, long lost) {
        return "{\"ok\":true,\"delivery\":{\"perSecond\":" + perSecond + ",\"lost\":" + lost + ",\"outOfOrder\":0},"
                + "\"latency\":{\"p50Ms\":" + p50 + ",\"p99Ms\":" + p99 + "},\"generatorCpu\":{\"coresUsed\":0.3},"
                + "\"serverCpu\":{\"coresUsed\":0.5},\"processCpu\":{\"redis\":{\"coresUsed\":0.05},"
                + "\"node1\":{\"coresUsed\":0.4},\"node2\":{\"coresUsed\":0.45}}}";
    }

    @Test
    void mediansTargetsAndTheCpuOfRedisAndEachNodeMakeTheTable() throws Exception {
        for (int r = 1; r <= 3; r++) {
            result("latency-1000-r" + r + ".json", fanout(199_000, 1.0, 4.0 + r, 0));
            result("single-latency-1000-r" + r + ".json", fanout(199_000, 0.5, 2.0 + r, 0));
            result("fanout-1000-r" + r + ".json", fanout(600_000 + r * 100_000, 40, 80, 0));
            result("single-fanout-1000-r" + r + ".json", fanout(1_000_000, 20, 40, 0));
            result("join-1000-r" + r + ".json", fanout(199_000, 1.0, 9.0, 0));
        }
        result("suite.json", "{\"started\":\"2026-12-01T12:00:00Z\",\"repeats\":3,\"loadAverageBefore\":\"0.5 0.5 0.5\","
                + "\"command\":\"bench/run-suite.sh --servers cluster\"}");
        Map<String, Repeats> runs = ClusterReport.REPORT.read(raw);
        JsonNode suite = JSON.readTree(raw.resolve("suite.json").toFile());
        String table = ClusterReport.render(runs, suite, MACHINE);

        assertTrue(table.contains("p99 **6.00 ms** (p50 1.00 ms) | p99 ≤ 15 ms: met"), table);
        assertTrue(table.contains("**800,000** deliveries/s = **80%** of one node's | ≥ 60% of one node: met"), table);
        assertTrue(table.contains("| 0.05 | 0.40 / 0.45 | 0.30 | 3/3 |"), table);
        assertTrue(table.contains("the same on one stand-alone callback server | p99 4.00 ms"), table);
        assertTrue(table.contains("lost 0, out of order 0 (worst run); p99 9.00 ms | nothing lost: met"), table);
        assertTrue(table.contains("the median of 3 runs (load average before: 0.5 0.5 0.5; 2 cores, Test CPU)"), table);
    }

    @Test
    void aMissedTargetIsSaidSo() throws Exception {
        result("latency-1000-r1.json", fanout(199_000, 1.0, 30, 0));
        result("fanout-1000-r1.json", fanout(300_000, 40, 80, 0));
        result("single-fanout-1000-r1.json", fanout(1_000_000, 20, 40, 0));
        result("join-1000-r1.json", fanout(199_000, 1.0, 9.0, 2));
        String table = ClusterReport.render(ClusterReport.REPORT.read(raw), JSON.createObjectNode(), MACHINE);
        assertTrue(table.contains("p99 ≤ 15 ms: **not met**"), table);
        assertTrue(table.contains("= **30%** of one node's | ≥ 60% of one node: **not met**"), table);
        assertTrue(table.contains("lost 2, out of order 0 (worst run)") && table.contains("nothing lost: **not met**"), table);
    }
}
