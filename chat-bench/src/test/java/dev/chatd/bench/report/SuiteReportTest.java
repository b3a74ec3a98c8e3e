package dev.chatd.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SuiteReportTest {

    @Test
    void writesResultsChartsAndTheReadmeSectionFromRawFiles(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("raw");
        Files.createDirectories(raw.resolve("callback"));
        Files.createDirectories(raw.resolve("streams"));
        Files.writeString(raw.resolve("callback/fanout-1000-r1.json"), SampleResults.fanout(1000, 1_400_000, 300, 0, true));
        Files.writeString(raw.resolve("callback/fanout-1000-r2.json"), SampleResults.fanout(1000, 1_700_000, 200, 0, true));
        Files.writeString(raw.resolve("callback/fanout-1000-r3.json"), SampleResults.fanout(1000, 1_600_000, 250, 0, true));
        Files.writeString(raw.resolve("callback/fanout-100-r1.json"), SampleResults.fanout(100, 2_000_000, 100, 0, true));
        Files.writeString(raw.resolve("callback/latency-1000-r1.json"), SampleResults.fanout(1000, 200_000, 7.5, 0, true));
        Files.writeString(raw.resolve("streams/latency-1000-r1.json"), SampleResults.fanout(1000, 200_000, 12, 0, true));
        Files.writeString(raw.resolve("streams/idle-10000-r1.json"), SampleResults.idle(10_000, 2048));
        Files.writeString(raw.resolve("callback/fanout-1000-r1.log"), "progress lines are not results");
        Files.writeString(raw.resolve("suite.json"),
                "{\"started\":\"2026-11-22T05:00:00Z\",\"repeats\":3,\"loadAverageBefore\":\"0.1 0.2 0.3\",\"command\":\"bench/run-suite.sh\"}");
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# chatd\n\n## Layout\n\nmodules\n");

        int code = new SuiteReport().run(SuiteReport.Options.parse(new String[]{"--raw", raw.toString(),
                "--results", dir.resolve("out/results.json").toString(), "--charts", dir.resolve("docs").toString(),
                "--readme", readme.toString()}), new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));

        assertEquals(0, code);
        JsonNode results = JsonMapper.builder().build().readTree(dir.resolve("out/results.json"));
        assertEquals(7, results.path("raw").size(), "every result file, none of the others");
        assertEquals(2048, results.path("raw").path(6).path("result").path("serverMemory").path("liveHeapBytesPerUser").asInt(),
                "raw results are kept as chat-bench wrote them");
        assertEquals(5, results.path("medians").size());
        JsonNode first = results.path("medians").path(1);
        assertEquals(1_600_000, first.path("median").path("deliveriesPerSecond").asDouble(), "the median of three");
        assertEquals(3, first.path("median").path("id").path("repeat").asInt(), "the repeat that had 1.6M");
        assertEquals(3, first.path("repeats").asInt());
        assertTrue(results.path("machine").path("cores").asInt() > 0);

        for (String png : List.of("perf-deliveries.png", "perf-p99.png")) {
            BufferedImage image = ImageIO.read(dir.resolve("docs").resolve(png).toFile());
            assertNotNull(image, png + " is a readable image");
            assertEquals(SuiteReport.WIDTH, image.getWidth());
            assertEquals(SuiteReport.HEIGHT, image.getHeight());
            assertTrue(hasColour(image, SuiteReport.CALLBACK.getRGB()), png + " draws the callback line");
        }

        String text = Files.readString(readme);
        assertTrue(text.startsWith("# chatd\n\n## Performance\n\n<!-- perf:start -->\n"), text);
        assertTrue(text.endsWith("<!-- perf:end -->\n\n## Layout\n\nmodules\n"), text);
        assertTrue(text.contains("Measured on 2026-11-22 05:00:00 UTC with `bench/run-suite.sh`: the median of 3 runs each"), text);
        assertTrue(text.contains("![Deliveries per second against users, both servers](docs/perf-deliveries.png)"), text);
        assertTrue(text.contains("| callback | fan-out, full speed | 1,000 | 1,600,000 |"), text);
        assertTrue(text.contains("| streams | latency, 10 × 20 msg/s | 1,000 |"), text);
        assertTrue(text.contains("| 2,048 B |"), text);
    }

    @Test
    void runsThroughTheWebGatewayHaveTheirOwnTableAndFileAndLeaveTheServersSectionAlone(@TempDir Path dir) throws Exception {
        Path web = dir.resolve("raw").resolve("web");
        Files.createDirectories(web);
        String viaGateway = SampleResults.fanout(1000, 200_000, 18.5, 0, true).replace("\"timedOut\"",
                "\"via\":\"websocket\",\"gatewayCpu\":{\"cpuSeconds\":8,\"wallSeconds\":10,\"coresUsed\":0.8},"
                        + "\"gatewayCpuMicrosPerDelivery\":4.0,\"timedOut\"");
        Files.writeString(web.resolve("latency-1000-r1.json"), viaGateway);
        Files.writeString(web.resolve("suite.json"),
                "{\"started\":\"2026-12-01T10:00:00Z\",\"repeats\":1,\"loadAverageBefore\":\"0.5 0.5 0.5\",\"command\":\"bench/run-suite.sh --servers web\"}");
        Path readme = dir.resolve("README.md");
        String servers = "<!-- perf:start -->\nthe servers' figures\n<!-- perf:end -->\n";
        Files.writeString(readme, "# chatd\n\n## Performance\n\n" + servers + "\n<!-- perf-web:start -->\nold\n<!-- perf-web:end -->\n");

        int code = new SuiteReport().run(SuiteReport.Options.parse(new String[]{"--raw", dir.resolve("raw").toString(),
                "--results", dir.resolve("out/results.json").toString(), "--charts", dir.resolve("docs").toString(),
                "--readme", readme.toString()}), new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));

        assertEquals(0, code);
        assertTrue(Files.exists(dir.resolve("out/results-web.json")));
        assertTrue(Files.notExists(dir.resolve("out/results.json")), "the servers' results are not touched");
        String text = Files.readString(readme);
        assertTrue(text.contains(servers), text);
        assertTrue(text.contains("Measured on 2026-12-01 10:00:00 UTC with `bench/run-suite.sh --servers web`: one run"), text);
        assertTrue(text.contains("| latency, 10 × 20 msg/s | 1,000 | 200,000 | 1.25 | 18.5 |"), text);
        assertTrue(text.contains("| 0.60 | 1.20 | 0.80 | 4.00 µs | p99 ≤ 20 ms | yes |"), text);
        assertTrue(!text.contains("\nold\n"), text);
    }

    @Test
    void chartsAreDrawnEvenWithOneServerOrNoData() {
        BufferedImage empty = SuiteReport.p99Chart(List.of()).render(400, 300);
        assertEquals(400, empty.getWidth());
        BufferedImage one = SuiteReport.deliveriesChart(MedianRun.of(List.of(MedianRunTest.fanout(1, 1_000_000, 5.0))))
                .render(640, 480);
        assertNotEquals(0, one.getHeight());
        assertTrue(hasColour(one, SuiteReport.CALLBACK.getRGB()));
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1.0, LineChart.niceStep(0.9), 1e-9);
        assertEquals(200.0, LineChart.niceStep(130), 1e-9);
        assertEquals(500_000.0, LineChart.niceStep(310_000), 1e-9);
        assertEquals(1_000.0, LineChart.niceStep(600), 1e-9);
    }

    @Test
    void machineFactsComeFromProcFiles() {
        assertEquals("AMD EPYC 7B13", MachineInfo.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC  7B13\nflags\t: x\n"));
        assertEquals("unknown", MachineInfo.cpuModel("processor : 0\n"));
        assertEquals("23.5 GiB", MachineInfo.memory("MemTotal:       24683520 kB\nMemFree: 1 kB\n"));
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) return true;
            }
        }
        return false;
    }
}
