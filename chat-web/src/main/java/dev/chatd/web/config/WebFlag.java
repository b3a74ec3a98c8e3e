package dev.chatd.web.config;

import dev.chatd.common.config.Setting;
import dev.chatd.common.config.ValueFormats;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every setting of the gateway as data: its flag, its environment variable (the servers'
 * {@code CHAT_} names with {@code WEB_} added), what it means, how to read it into a
 * {@link WebConfig} and how to show it. The parser, the help text and the tests read this list.
 */
public enum WebFlag implements Setting<WebConfig> {

    PORT("--port", "CHAT_WEB_PORT", "<port>", "HTTP port for the page and /ws; 0 picks a free one",
            (config, value) -> config.withPort((int) ValueFormats.integer(value, "port", 0, 65535)),
            config -> Integer.toString(config.port())),
    HOST("--host", "CHAT_WEB_HOST", "<address>", "address to listen on; :: means every interface",
            (config, value) -> config.withHost(ValueFormats.host(value, "host")),
            WebConfig::host),
    UPSTREAM("--upstream", "CHAT_WEB_UPSTREAM", "<host:port,...>",
            "chat servers; WebSockets are spread over them in turn",
            (config, value) -> config.withUpstreams(WebValues.upstreams(value)),
            config -> WebValues.formatUpstreams(config.upstreams())),
    ALLOWED_ORIGIN("--allowed-origin", "CHAT_WEB_ALLOWED_ORIGIN", "<origin,...>",
            "other pages that may open /ws, e.g. https://chat.example.org",
            (config, value) -> config.withAllowedOrigins(WebValues.origins(value)),
            config -> config.allowedOrigins().isEmpty() ? WebValues.NONE : String.join(",", config.allowedOrigins())),
    MAX_LINE("--max-line", "CHAT_WEB_MAX_LINE", "<bytes>", "largest WebSocket message, in bytes: the servers' line limit",
            (config, value) -> config.withMaxLineBytes((int) ValueFormats.size(value, "max line", 1, 1 << 20)),
            config -> Integer.toString(config.maxLineBytes())),
    OUTPUT_LIMIT("--output-limit", "CHAT_WEB_OUTPUT_LIMIT", "<bytes>",
            "unsent output before a browser is cut as too slow",
            (config, value) -> config.withOutputLimitBytes(ValueFormats.size(value, "output limit", 1, Long.MAX_VALUE)),
            config -> ValueFormats.formatSize(config.outputLimitBytes())),
    THREADS("--threads", "CHAT_WEB_THREADS", "<count>",
            "I/O threads, at most " + WebConfig.MAX_WORKER_THREADS + "; 0 = one per CPU core",
            (config, value) -> config.withWorkerThreads(
                    (int) ValueFormats.integer(value, "threads", 0, WebConfig.MAX_WORKER_THREADS)),
            config -> Integer.toString(config.workerThreads()));

    private final Spec<WebConfig> spec;

    WebFlag(String flag, String envVar, String valueName, String description,
            BiFunction<WebConfig, String, WebConfig> reader, Function<WebConfig, String> writer) {
        this.spec = new Spec<>(flag, envVar, valueName, description, reader, writer);
    }

    @Override
    public Spec<WebConfig> spec() {
        return spec;
    }

    @Override
    public String defaultText() {
        return valueOf(WebConfig.defaults());
    }
}
