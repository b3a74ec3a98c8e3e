package dev.chatd.common.metrics;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where a {@link ModelMetrics} names its metrics: each a Prometheus-style name, a help text and
 * a callback read when scraped. Implemented by the admin endpoint's Prometheus registry.
 */
public interface MetricSink {

    /** A value that goes up and down ({@code name} without a {@code _total} suffix). */
    void gauge(String name, String help, DoubleSupplier value);

    /** A count that only grows; {@code name} ends in {@code _total}. */
    void counter(String name, String help, LongSupplier value);

    /** A distribution of observed values; {@code upperBounds} are the buckets' inclusive upper bounds, ascending. */
    void histogram(String name, String help, double[] upperBounds, Supplier<Histogram> value);

    /**
     * A histogram's state at one scrape.
     *
     * @param counts how many observations fell in each bucket (not cumulative), one more than the
     *               upper bounds: the last is everything above the highest bound
     * @param sum    the sum of every observation
     */
    record Histogram(long[] counts, double sum) {
    }
}
