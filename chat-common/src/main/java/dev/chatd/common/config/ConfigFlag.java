package dev.chatd.common.config;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every setting an operator can give, as data: its command-line flag, its environment variable,
 * what it means, how to read a value into a {@link ChatConfig} and how to show one. The parser,
 * the help text and the tests that keep the README and Docker files in step all read this list,
 * so a new setting is added here and nowhere else.
 */
public enum ConfigFlag implements Setting<ChatConfig> {

    PORT("--port", "CHAT_PORT", "<port>", "TCP port for chat; 0 picks a free one",
            (config, value) -> config.withPort((int) ValueFormats.integer(value, "port", 0, 65535)),
            config -> Integer.toString(config.port())),
    /**
     * Resolved while parsing: a value that is no IP address and no name the resolver knows is a
     * bad value (exit 2), not a start failure.
     */
    HOST("--host", "CHAT_HOST", "<address>", "address to listen on; :: means every interface",
            (config, value) -> config.withHost(ValueFormats.host(value, "host")),
            ChatConfig::host),
    NAME("--name", "CHAT_NAME", "<text>", "server name in the welcome line",
            (config, value) -> config.withName(ValueFormats.text(value, "name")),
            ChatConfig::name),
    MAX_USERS("--max-users", "CHAT_MAX_USERS", "<count>", "most users at once; more are turned away",
            (config, value) -> config.withMaxUsers(
                    (int) ValueFormats.integer(value, "max users", 1, Integer.MAX_VALUE)),
            config -> Integer.toString(config.maxUsers())),
    MAX_LINE("--max-line", "CHAT_MAX_LINE", "<bytes>", "longest input line, in bytes",
            (config, value) -> config.withMaxLineBytes(
                    (int) ValueFormats.size(value, "max line", 1, Integer.MAX_VALUE)),
            config -> Integer.toString(config.maxLineBytes())),
    OUTPUT_LIMIT("--output-limit", "CHAT_OUTPUT_LIMIT", "<bytes>",
            "unsent output before a user is dropped as too slow",
            (config, value) -> config.withOutputLimitBytes(
                    ValueFormats.size(value, "output limit", 1, Long.MAX_VALUE)),
            config -> ValueFormats.formatSize(config.outputLimitBytes())),
    OUTPUT_BUDGET("--output-budget", "CHAT_OUTPUT_BUDGET", "<bytes>",
            "unsent output over all users before reading pauses for everyone; 0 = a quarter of the heap",
            (config, value) -> config.withOutputBudgetBytes(
                    ValueFormats.size(value, "output budget", 0, Long.MAX_VALUE)),
            config -> ValueFormats.formatSize(config.outputBudgetBytes())),
    RATE_LIMIT("--rate-limit", "CHAT_RATE_LIMIT", "<lines/s>",
            "input lines/s per user before reading pauses; 0 = off",
            (config, value) -> config.withRateLimit(
                    (int) ValueFormats.integer(value, "rate limit", 0, Integer.MAX_VALUE)),
            config -> Integer.toString(config.rateLimit())),
    RATE_BURST("--rate-burst", "CHAT_RATE_BURST", "<lines>", "lines a user may send at once before throttling",
            (config, value) -> config.withRateBurst(
                    (int) ValueFormats.integer(value, "rate burst", 1, Integer.MAX_VALUE)),
            config -> Integer.toString(config.rateBurst())),
    ADMIN_PORT("--admin-port", "CHAT_ADMIN_PORT", "<port>",
            "HTTP port for /health and /metrics; 0 = any free",
            (config, value) -> config.withAdminPort(ValueFormats.portOrOff(value, "admin port")),
            config -> ValueFormats.formatPortOrOff(config.adminPort())),
    SHUTDOWN_GRACE("--shutdown-grace", "CHAT_SHUTDOWN_GRACE", "<duration>",
            "how long shutdown lets output drain",
            (config, value) -> config.withShutdownGrace(ValueFormats.duration(value, "shutdown grace")),
            config -> ValueFormats.formatDuration(config.shutdownGrace())),
    LOGIN_TIMEOUT("--login-timeout", "CHAT_LOGIN_TIMEOUT", "<duration>",
            "how long a connection may stay at the name prompt; 0 = no limit",
            (config, value) -> config.withLoginTimeout(ValueFormats.duration(value, "login timeout")),
            config -> ValueFormats.formatDuration(config.loginTimeout())),
    HISTORY("--history", "CHAT_HISTORY", "<events>",
            "events each room keeps for /history; 0 = off",
            (config, value) -> config.withHistoryEvents(
                    (int) ValueFormats.integer(value, "history", 0, ChatConfig.MAX_HISTORY)),
            config -> Integer.toString(config.historyEvents())),
    /** Limited to {@link ChatConfig#MAX_WORKER_THREADS}, whose Javadoc says why that number. */
    THREADS("--threads", "CHAT_THREADS", "<count>",
            "I/O threads (streams: as many again for sessions), at most " + ChatConfig.MAX_WORKER_THREADS
                    + "; 0 = one per CPU core",
            (config, value) -> config.withWorkerThreads(
                    (int) ValueFormats.integer(value, "threads", 0, ChatConfig.MAX_WORKER_THREADS)),
            config -> Integer.toString(config.workerThreads())),
    /** Off by default: without it no cluster code is loaded (docs/cluster.md). */
    REDIS("--redis", "CHAT_REDIS", "<uri>",
            "join the cluster on this Redis (redis://host:6379); off = stand-alone",
            (config, value) -> config.withRedis(ValueFormats.redisOrOff(value, "redis")),
            config -> ValueFormats.formatRedisOrOff(config.redis())),
    NODE_ID("--node-id", "CHAT_NODE_ID", "<id>",
            "this node's name in the cluster; auto = host name and pid",
            (config, value) -> config.withNodeId(ValueFormats.nodeId(value, "node id")),
            config -> ValueFormats.formatNodeId(config.nodeId())),
    /** The callback server's choice; the streams server is NIO.2 by design (TransportChoice). */
    TRANSPORT("--transport", "CHAT_TRANSPORT", "<layer>",
            "socket layer: auto, io_uring, epoll or nio (streams: nio only); auto = epoll, else nio",
            (config, value) -> config.withTransport(TransportChoice.parse(value, "transport")),
            config -> config.transport().flagValue());

    private final Spec<ChatConfig> spec;

    ConfigFlag(String flag, String envVar, String valueName, String description,
            BiFunction<ChatConfig, String, ChatConfig> reader, Function<ChatConfig, String> writer) {
        this.spec = new Spec<>(flag, envVar, valueName, description, reader, writer);
    }

    @Override
    public Spec<ChatConfig> spec() {
        return spec;
    }

    @Override
    public String defaultText() {
        return valueOf(ChatConfig.defaults());
    }
}
