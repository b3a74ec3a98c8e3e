package dev.chatd.common.metrics;

/**
 * Numbers a room model counts beyond {@link ChatMetrics} (a cluster node's link state and Redis
 * traffic, say), shown on {@code /metrics} beside the servers' own. The model names each metric
 * once, to a {@link MetricSink}, with a callback read at every scrape; so chat-common shows what
 * a model counts without knowing the model's types. The stand-alone model counts nothing more:
 * {@link #NONE}.
 */
@FunctionalInterface
public interface ModelMetrics {

    /** No metrics of the model's own. */
    ModelMetrics NONE = sink -> { };

    /** Names every metric of the model to {@code sink}, once, when the metrics endpoint is built. */
    void describeTo(MetricSink sink);
}
