package dev.chatd.common.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything an operator can set, for either server. One type so both servers take the same
 * flags, environment variables and defaults; {@link ConfigParser} reads it from the command line.
 *
 * @param host             address to listen on
 * @param port             chat port; 0 picks a free one (tests)
 * @param name             server name shown in the welcome line
 * @param maxUsers         most connections held at once; more are refused before the welcome
 * @param maxLineBytes     longest input line, in bytes after telnet stripping, without its line end
 * @param outputLimitBytes unsent output per connection beyond which it is closed as too slow
 * @param rateLimit        input lines per second per connection; 0 turns throttling off
 * @param rateBurst        lines a connection may send at once before throttling starts
 * @param adminPort        HTTP port for /health and /metrics; -1 is off, 0 picks a free one
 * @param shutdownGrace    how long shutdown waits for output to drain before closing anyway
 * @param workerThreads    I/O threads, at most {@link #MAX_WORKER_THREADS}; 0 means one per available processor
 * @param loginTimeout     how long a connection may stay at the name prompt before it is closed; zero is no limit
 * @param historyEvents    events each room keeps for {@code /history}; 0 turns history off
 * @param redis            the Redis URI of the cluster this node joins ({@code redis://host:6379}); null is a
 *                         stand-alone server, with no cluster code on its path
 * @param nodeId           this node's name in the cluster; empty means {@link #effectiveNodeId() host name and pid}
 * @param outputBudgetBytes unsent output over every connection past which the server reads no input until
 *                         readers have caught up ({@code OutputBudget}); 0 means a quarter of the heap
 * @param transport        the socket layer ({@code --transport}); {@link TransportChoice#AUTO} lets the server pick
 */
public record ChatConfig(
        String host,
        int port,
        String name,
        int maxUsers,
        int maxLineBytes,
        long outputLimitBytes,
        int rateLimit,
        int rateBurst,
        int adminPort,
        Duration shutdownGrace,
        int workerThreads,
        Duration loginTimeout,
        int historyEvents,
        String redis,
        String nodeId,
        long outputBudgetBytes,
        TransportChoice transport) {

    public static final int DEFAULT_PORT = 4455;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final String DEFAULT_NAME = "chatd";
    public static final int DEFAULT_MAX_USERS = 10_000;
    public static final int DEFAULT_MAX_LINE = 4096;
    public static final long DEFAULT_OUTPUT_LIMIT = 1024 * 1024;
    public static final int DEFAULT_RATE_LIMIT = 20;
    public static final int DEFAULT_RATE_BURST = 200;
    public static final int ADMIN_OFF = -1;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** Long enough for a person at telnet to type a name, short enough that idle sockets do not pile up. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The most I/O threads either server runs. Both are event-driven, so threads beyond the cores
     * only add switching; 256 still covers the largest usual machines. A fixed number rather than
     * a multiple of the cores, so a config that works on one machine (or container CPU quota) is
     * not refused on a smaller one, and the documented limit is the same everywhere. Without it a
     * typo such as 100000 made the callback server open event loops (three descriptors each) for
     * seconds until it ran out of files, while the streams server tried to start 100000 threads.
     */
    public static final int MAX_WORKER_THREADS = 256;
    public static final int DEFAULT_HISTORY = 100;
    /** Most events a room may keep, so that rooms (at most one per user) times history stays bounded. */
    public static final int MAX_HISTORY = 1_000;

    public ChatConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(transport, "transport");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535: " + port);
        if (maxUsers < 1) throw new IllegalArgumentException("max users must be at least 1: " + maxUsers);
        if (maxLineBytes < 1) throw new IllegalArgumentException("max line must be at least 1 byte: " + maxLineBytes);
        if (outputLimitBytes < 1) throw new IllegalArgumentException("output limit must be at least 1 byte: " + outputLimitBytes);
        if (rateLimit < 0) throw new IllegalArgumentException("rate limit must be 0 (off) or more: " + rateLimit);
        if (rateBurst < 1) throw new IllegalArgumentException("rate burst must be at least 1: " + rateBurst);
        if (adminPort < -1 || adminPort > 65535) throw new IllegalArgumentException("admin port must be -1 (off) or 0-65535: " + adminPort);
        if (shutdownGrace.isNegative()) throw new IllegalArgumentException("shutdown grace must not be negative");
        if (loginTimeout.isNegative()) throw new IllegalArgumentException("login timeout must not be negative");
        if (historyEvents < 0 || historyEvents > MAX_HISTORY) {
            throw new IllegalArgumentException("history must be 0 (off) to " + MAX_HISTORY + ": " + historyEvents);
        }
        if (outputBudgetBytes < 0) throw new IllegalArgumentException("output budget must be 0 (a quarter of the heap) or more: " + outputBudgetBytes);
        if (workerThreads < 0 || workerThreads > MAX_WORKER_THREADS) {
            throw new IllegalArgumentException("worker threads must be 0 (one per core) to " + MAX_WORKER_THREADS
                    + ": " + workerThreads);
        }
    }

    /**
     * The number of I/O threads to start: {@link #workerThreads}, or when that is 0 one per
     * available processor, capped like a configured number so the limit holds on any machine.
     */
    public int effectiveWorkerThreads() {
        return workerThreads > 0 ? workerThreads : Math.min(Runtime.getRuntime().availableProcessors(), MAX_WORKER_THREADS);
    }

    /**
     * The output budget in bytes: {@link #outputBudgetBytes}, or when that is 0 a quarter of the
     * largest heap this JVM may use, so the default follows the heap cap (jvm.options) it runs with.
     */
    public long effectiveOutputBudgetBytes() {
        return outputBudgetBytes > 0 ? outputBudgetBytes : Runtime.getRuntime().maxMemory() / 4;
    }

    /** True when this node is one of a cluster ({@code --redis} was given). */
    public boolean clustered() {
        return redis != null;
    }

    /**
     * The node id the cluster knows this node by: {@link #nodeId}, or when that is empty the host
     * name and the process id ({@code web1-4242}), which two live processes never share.
     */
    public String effectiveNodeId() {
        if (!nodeId.isEmpty()) return nodeId;
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    /** The defaults docs/protocol.md and the README document. */
    public static ChatConfig defaults() {
        return new ChatConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_NAME, DEFAULT_MAX_USERS, DEFAULT_MAX_LINE,
                DEFAULT_OUTPUT_LIMIT, DEFAULT_RATE_LIMIT, DEFAULT_RATE_BURST, ADMIN_OFF, DEFAULT_SHUTDOWN_GRACE, 0,
                DEFAULT_LOGIN_TIMEOUT, DEFAULT_HISTORY, null, "", 0, TransportChoice.AUTO);
    }

    /** Defaults for tests: loopback, a free port, no throttling. */
    public static ChatConfig forTests() {
        return defaults().withHost("127.0.0.1").withPort(0).withRateLimit(0);
    }

    public ChatConfig withHost(String v) { return new ChatConfig(v, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withPort(int v) { return new ChatConfig(host, v, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withName(String v) { return new ChatConfig(host, port, v, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withMaxUsers(int v) { return new ChatConfig(host, port, name, v, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withMaxLineBytes(int v) { return new ChatConfig(host, port, name, maxUsers, v, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withOutputLimitBytes(long v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, v, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withRateLimit(int v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, v, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withRateBurst(int v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, v, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withAdminPort(int v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, v, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withShutdownGrace(Duration v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, v, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withLoginTimeout(Duration v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, v, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withHistoryEvents(int v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, v, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withWorkerThreads(int v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, v, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withRedis(String v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, v, nodeId, outputBudgetBytes, transport); }
    public ChatConfig withOutputBudgetBytes(long v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, v, transport); }
    public ChatConfig withNodeId(String v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, v, outputBudgetBytes, transport); }
    public ChatConfig withTransport(TransportChoice v) { return new ChatConfig(host, port, name, maxUsers, maxLineBytes, outputLimitBytes, rateLimit, rateBurst, adminPort, shutdownGrace, workerThreads, loginTimeout, historyEvents, redis, nodeId, outputBudgetBytes, v); }
}
