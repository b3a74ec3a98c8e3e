package dev.chatd.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.metrics.MetricSink;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.RoomModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A room model's own metrics (the seam a cluster node uses) are shown beside the hub's, read at each scrape. */
class ModelMetricsTest {

    @Test
    void aModelsGaugesCountersAndHistogramsAreScrapedWithTheHubs() throws Exception {
        AtomicLong count = new AtomicLong(7);
        ChatMetrics counters = new ChatMetrics();
        Renderer renderer = new Renderer();
        RoomModel local = RoomModel.local(renderer, Clock.systemUTC(), counters, 10);
        RoomModel model = new RoomModel(local.names(), local.rooms(), local.events(), () -> { }, sink -> {
            sink.gauge("chatd_test_up", "up or not", () -> 1);
            sink.counter("chatd_test_things_total", "things", count::get);
            sink.histogram("chatd_test_seconds", "how long", new double[] {0.001, 0.01},
                    () -> new MetricSink.Histogram(new long[] {2, 3, 1}, 0.5));
        });
        PrometheusMetrics metrics = new PrometheusMetrics(new ChatHub(ChatConfig.forTests(), counters, renderer, model), "test");

        Exposition scrape = scrape(metrics);
        assertEquals("gauge", scrape.types().get("chatd_test_up"));
        assertEquals("counter", scrape.types().get("chatd_test_things_total"));
        assertEquals("histogram", scrape.types().get("chatd_test_seconds"));
        assertEquals(1.0, scrape.value("chatd_test_up"));
        assertEquals(7.0, scrape.value("chatd_test_things_total"));
        // Buckets are cumulative in the exposition.
        assertEquals(2.0, scrape.value("chatd_test_seconds_bucket{le=\"0.001\"}"));
        assertEquals(5.0, scrape.value("chatd_test_seconds_bucket{le=\"0.01\"}"));
        assertEquals(6.0, scrape.value("chatd_test_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(6.0, scrape.value("chatd_test_seconds_count"));
        assertEquals(0.5, scrape.value("chatd_test_seconds_sum"));
        assertEquals(0.0, scrape.value("chatd_users"), "the hub's own metrics are still there");

        count.set(9);
        assertEquals(9.0, scrape(metrics).value("chatd_test_things_total"));
    }

    private static Exposition scrape(PrometheusMetrics metrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.writeTo(out);
        return Exposition.parse(out.toString(StandardCharsets.UTF_8));
    }
}
