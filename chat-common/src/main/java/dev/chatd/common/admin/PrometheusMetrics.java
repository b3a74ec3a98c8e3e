package dev.chatd.common.admin;

import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.metrics.MetricSink;
import dev.chatd.common.metrics.Rejection;
import dev.chatd.common.room.ChatHub;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A hub's gauges and counters as Prometheus metrics, with the same names from either server.
 * Nothing is copied on the chat path: every value is read from the {@link ChatHub} and its
 * {@link ChatMetrics} when scraped. Each instance has its own registry (not the client's global
 * one), so two servers in one JVM, as in tests, do not see each other's metrics. The room model's
 * own metrics ({@link ChatHub#modelMetrics}, a cluster node's) are registered beside them.
 */
public final class PrometheusMetrics implements MetricSink {

    /** The {@code Content-Type} of {@link #writeTo}'s output: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param hub    the room model whose numbers are shown
     * @param server which implementation this is, shown as {@code chatd_info{server="…"}}
     */
    public PrometheusMetrics(ChatHub hub, String server) {
        ChatMetrics counters = hub.metrics();
        gauge("chatd_users", "Connections admitted and not yet closed, logged in or still at the name prompt",
                hub::connectionCount);
        gauge("chatd_logged_in_users", "Users who have a name", hub::userCount);
        gauge("chatd_rooms", "Rooms that exist, #lobby included", hub::roomCount);
        gauge("chatd_output_backlog_bytes",
                "Unsent output over every connection, as the output budget counts it (in steps of 4 KiB per connection)",
                () -> (double) hub.outputBudget().backlog());
        counter("chatd_logins_total", "Names accepted at the prompt", counters, ChatMetrics::logins);
        counter("chatd_lines_received_total", "Input lines read, at the prompt and after", counters,
                ChatMetrics::linesReceived);
        counter("chatd_lines_delivered_total", "Lines queued to users, counted once per recipient", counters,
                ChatMetrics::linesDelivered);
        counter("chatd_bytes_written_total", "Bytes written to users' sockets", counters,
                ChatMetrics::bytesWritten);
        counter("chatd_slow_consumer_disconnects_total", "Connections closed because their unsent output passed the limit",
                counters, ChatMetrics::slowConsumerDisconnects);
        counter("chatd_throttled_reads_total", "Times reading from a connection paused for the input rate limit",
                counters, ChatMetrics::throttledReads);
        counter("chatd_output_budget_pauses_total",
                "Times reading from a connection paused because the server's own unsent output was over its budget",
                counters, ChatMetrics::outputBudgetPauses);
        counter("chatd_history_requests_total", "/history requests answered with a replay",
                counters, ChatMetrics::historyRequests);
        counter("chatd_connections_refused_total", "Connections turned away because the server was full or stopping",
                counters, ChatMetrics::connectionsRefused);
        CounterWithCallback.builder()
                .name("chatd_rejected_lines_total")
                .help("Input lines refused with an error reply, by reason")
                .labelNames("reason")
                .callback(callback -> {
                    for (Rejection why : Rejection.values()) {
                        callback.call(counters.rejectedCount(why), why.label());
                    }
                })
                .register(registry);
        Info info = Info.builder()
                .name("chatd_info")
                .help("Which chat server implementation is answering")
                .labelNames("server")
                .register(registry);
        info.setLabelValues(server);
        hub.modelMetrics().describeTo(this);
    }

    @Override
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }

    @Override
    public void counter(String name, String help, LongSupplier value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }

    /** The client has no histogram with a callback: a collector builds the snapshot at each scrape. */
    @Override
    public void histogram(String name, String help, double[] upperBounds, Supplier<Histogram> value) {
        double[] bounds = Arrays.copyOf(upperBounds, upperBounds.length + 1);
        bounds[upperBounds.length] = Double.POSITIVE_INFINITY;
        registry.register(() -> {
            Histogram now = value.get();
            return HistogramSnapshot.builder()
                    .name(name)
                    .help(help)
                    .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                            .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, now.counts()))
                            .sum(now.sum())
                            .build())
                    .build();
        });
    }

    /** Writes every metric's current value in the Prometheus text format. */
    public void writeTo(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    private void gauge(String name, String help, IntSupplier value) {
        gauge(name, help, (DoubleSupplier) value::getAsInt);
    }

    private void counter(String name, String help, ChatMetrics counters, ToLongFunction<ChatMetrics> value) {
        counter(name, help, () -> value.applyAsLong(counters));
    }
}
