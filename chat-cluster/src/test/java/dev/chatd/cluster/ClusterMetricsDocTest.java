package dev.chatd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.metrics.MetricSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every metric a cluster node exports has its row, with its type, in docs/deploy.md; and the histogram adds up. */
class ClusterMetricsDocTest {

    @Test
    void docsDeployListsEveryClusterMetricWithItsType() throws Exception {
        Map<String, String> described = new LinkedHashMap<>();
        new ClusterMetrics().describeTo(new MetricSink() {
            @Override
            public void gauge(String name, String help, DoubleSupplier value) {
                described.put(name, "gauge");
            }

            @Override
            public void counter(String name, String help, LongSupplier value) {
                described.put(name, "counter");
            }

            @Override
            public void histogram(String name, String help, double[] upperBounds, Supplier<Histogram> value) {
                described.put(name, "histogram");
            }
        }, () -> true, () -> 0);
        assertTrue(described.size() >= 6, described.toString());
        String doc = Files.readString(Path.of("..", "docs", "deploy.md"));
        for (Map.Entry<String, String> metric : described.entrySet()) {
            Pattern row = Pattern.compile("(?m)^\\| `" + Pattern.quote(metric.getKey()) + "` \\| "
                    + metric.getValue() + " \\| .+ \\|$");
            assertTrue(row.matcher(doc).find(), "docs/deploy.md has no row for " + metric);
        }
    }

    @Test
    void eachPublishFallsInOneBucketTheSlowestInTheLast() {
        ClusterMetrics metrics = new ClusterMetrics();
        metrics.published(300_000);          // 0.3 ms: the first bucket
        metrics.published(1_000_000);        // 1 ms exactly: the second (bounds are inclusive)
        metrics.published(5_000_000_000L);   // 5 s: above every bound
        assertEquals(1, metrics.publishBuckets[0].sum());
        assertEquals(1, metrics.publishBuckets[1].sum());
        assertEquals(1, metrics.publishBuckets[ClusterMetrics.BUCKETS_SECONDS.length].sum());
        assertEquals(5_001_300_000L, metrics.publishNanos.sum());
    }
}
