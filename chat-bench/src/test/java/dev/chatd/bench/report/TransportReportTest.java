package dev.chatd.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class TransportReportTest {

    private static final MachineInfo MACHINE = new MachineInfo(2, "Test CPU", "4.0 GiB", "Linux 6.1", "OpenJDK 17");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path raw;

    private void result(String file, double perSecond, double p99, double serverCores) throws Exception {
        Files.writeString(raw.resolve(file), "{\"ok\":true,\"delivery\":{\"perSecond\":" + perSecond + ",\"lost\":0},"
                + "\"latency\":{\"p50Ms\":1.5,\"p99Ms\":" + p99 + "},\"generatorCpu\":{\"coresUsed\":0.8},"
                + "\"serverCpu\":{\"coresUsed\":" + serverCores + "}}");
    }

    @Test
    void eachTransportGetsItsMediansAndIoUringItsCostAgainstEpoll() throws Exception {
        for (int r = 1; r <= 3; r++) {
            result("epoll-fanout-1000-r" + r + ".json", 4_000_000 + r, 300, 1.0);       // 0.25 µs per delivery
            result("io_uring-fanout-1000-r" + r + ".json", 4_000_000, 300, 1.2 + r / 100.0); // 0.30-0.31 µs
            result("epoll-latency-1000-r" + r + ".json", 200_000, 40 + r, 0.9);
            result("io_uring-latency-1000-r" + r + ".json", 200_000, 50 + r, 0.9);
        }
        String table = TransportReport.render(TransportReport.REPORT.read(raw), JSON.createObjectNode(), MACHINE);

        assertTrue(table.contains("| fan-out, full speed | 1,000 | epoll | 4,000,002 | 1.50 | 300 | 0 | 1.00 | 0.25 µs | — | 0.80 | 3/3 |"), table);
        assertTrue(table.contains("| fan-out, full speed | 1,000 | io_uring | 4,000,000 | 1.50 | 300 | 0 | 1.22 | 0.31 µs | ×1.22 | 0.80 | 3/3 |"), table);
        assertTrue(table.contains("| latency, 10 × 20 msg/s | 1,000 | io_uring | 200,000 | 1.50 | 52.0 |"), table);
        assertTrue(table.indexOf("| fan-out") < table.indexOf("| latency"), "fan-out first: " + table);
    }

    @Test
    void theReadmeTableIsReplacedBetweenItsMarkers(@TempDir Path out) throws Exception {
        result("epoll-latency-1000-r1.json", 200_000, 40, 0.9);
        Files.writeString(raw.resolve("suite.json"), "{\"started\":\"2026-12-01T20:00:00Z\",\"repeats\":1,"
                + "\"loadAverageBefore\":\"0.4 0.4 0.4\",\"command\":\"bench/run-suite.sh --servers transport\"}");
        Path readme = out.resolve("README.md");
        Files.writeString(readme, "before\n" + TransportReport.START + "\nold\n" + TransportReport.END + "\nafter\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = TransportReport.REPORT.run(new String[] {"--raw", raw.toString(), "--results",
                out.resolve("results-transport.json").toString(), "--readme", readme.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String text = Files.readString(readme);
        assertTrue(text.startsWith("before\n" + TransportReport.START + "\n<!-- generated"), text);
        assertTrue(text.contains("Measured on 2026-12-01 20:00:00 UTC with `bench/run-suite.sh --servers transport`: one run"), text);
        assertTrue(text.endsWith(TransportReport.END + "\nafter\n") && !text.contains("old"), text);
        assertTrue(Files.readString(out.resolve("results-transport.json")).contains("epoll-latency-1000"));
    }

    @Test
    void aBadCommandLineExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, TransportReport.REPORT.run(new String[] {"--raw"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--raw needs a value"));
    }
}
