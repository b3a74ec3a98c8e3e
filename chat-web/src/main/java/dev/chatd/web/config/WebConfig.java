package dev.chatd.web.config;

import dev.chatd.common.config.ChatConfig;
import java.util.List;
import java.util.Objects;

/**
 * Everything an operator can set for the web gateway; {@link WebConfigParser} reads it from the
 * command line and the environment. The limits default to the chat servers' own, so a browser is
 * held to what a telnet user is held to.
 *
 * @param host             address the HTTP server listens on
 * @param port             HTTP port; 0 picks a free one (tests)
 * @param upstreams        chat servers, each WebSocket goes to the next one in turn
 * @param allowedOrigins   origins besides the page's own whose pages may open a WebSocket, each
 *                         {@code scheme://host[:port]} in lower case without a default port
 * @param maxLineBytes     largest WebSocket message from a browser, in bytes: the servers' line limit
 * @param outputLimitBytes unsent output to one browser beyond which it is cut as too slow
 * @param workerThreads    I/O threads; 0 means one per available processor
 */
public record WebConfig(
        String host,
        int port,
        List<Upstream> upstreams,
        List<String> allowedOrigins,
        int maxLineBytes,
        long outputLimitBytes,
        int workerThreads) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = ChatConfig.DEFAULT_HOST;
    /** The chat server a newcomer runs with the README's first command. */
    public static final Upstream DEFAULT_UPSTREAM = new Upstream("127.0.0.1", ChatConfig.DEFAULT_PORT);
    /** Fewer I/O threads than the servers allow: a gateway bigger than this is better run twice. */
    public static final int MAX_WORKER_THREADS = 64;

    public WebConfig {
        Objects.requireNonNull(host, "host");
        upstreams = List.copyOf(upstreams);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535: " + port);
        if (upstreams.isEmpty()) throw new IllegalArgumentException("at least one upstream is needed");
        if (maxLineBytes < 1) throw new IllegalArgumentException("max line must be at least 1 byte: " + maxLineBytes);
        if (outputLimitBytes < 1) throw new IllegalArgumentException("output limit must be at least 1 byte: " + outputLimitBytes);
        if (workerThreads < 0 || workerThreads > MAX_WORKER_THREADS) {
            throw new IllegalArgumentException("worker threads must be 0 (one per core) to " + MAX_WORKER_THREADS
                    + ": " + workerThreads);
        }
    }

    /** The defaults the README documents. */
    public static WebConfig defaults() {
        return new WebConfig(DEFAULT_HOST, DEFAULT_PORT, List.of(DEFAULT_UPSTREAM), List.of(),
                ChatConfig.DEFAULT_MAX_LINE, ChatConfig.DEFAULT_OUTPUT_LIMIT, 0);
    }

    /** Defaults for tests: loopback, a free port, in front of {@code upstream}. */
    public static WebConfig forTests(Upstream upstream) {
        return defaults().withHost("127.0.0.1").withPort(0).withUpstreams(List.of(upstream));
    }

    /** {@link #workerThreads}, or one per available processor when it is 0. */
    public int effectiveWorkerThreads() {
        return workerThreads > 0 ? workerThreads
                : Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKER_THREADS);
    }

    public WebConfig withHost(String v) { return new WebConfig(v, port, upstreams, allowedOrigins, maxLineBytes, outputLimitBytes, workerThreads); }
    public WebConfig withPort(int v) { return new WebConfig(host, v, upstreams, allowedOrigins, maxLineBytes, outputLimitBytes, workerThreads); }
    public WebConfig withUpstreams(List<Upstream> v) { return new WebConfig(host, port, v, allowedOrigins, maxLineBytes, outputLimitBytes, workerThreads); }
    public WebConfig withAllowedOrigins(List<String> v) { return new WebConfig(host, port, upstreams, v, maxLineBytes, outputLimitBytes, workerThreads); }
    public WebConfig withMaxLineBytes(int v) { return new WebConfig(host, port, upstreams, allowedOrigins, v, outputLimitBytes, workerThreads); }
    public WebConfig withOutputLimitBytes(long v) { return new WebConfig(host, port, upstreams, allowedOrigins, maxLineBytes, v, workerThreads); }
    public WebConfig withWorkerThreads(int v) { return new WebConfig(host, port, upstreams, allowedOrigins, maxLineBytes, outputLimitBytes, v); }
}
