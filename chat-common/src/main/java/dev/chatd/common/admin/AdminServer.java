package dev.chatd.common.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.HostPort;
import dev.chatd.common.room.ChatHub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoint, on its own port next to the chat port:
 * {@code GET /health} answers 200 {@code ok} while the server serves and 503 once it is shutting
 * down (so a load balancer stops sending users before the port closes), and {@code GET /metrics}
 * answers the {@link PrometheusMetrics} of the hub. Built on the JDK's own HTTP server: two
 * handler threads are plenty for a scrape every few seconds, and it needs no dependency.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final int HANDLER_THREADS = 2;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer http;
    private final ExecutorService handlers;
    private final ChatHub hub;
    private final PrometheusMetrics metrics;

    private AdminServer(HttpServer http, ExecutorService handlers, ChatHub hub, PrometheusMetrics metrics) {
        this.http = http;
        this.handlers = handlers;
        this.hub = hub;
        this.metrics = metrics;
    }

    /** True when {@code config} asks for the endpoint (its admin port is not {@link ChatConfig#ADMIN_OFF}). */
    public static boolean isEnabled(ChatConfig config) {
        return config.adminPort() != ChatConfig.ADMIN_OFF;
    }

    /**
     * Binds the admin port of the hub's config, on the same host as the chat port, and starts
     * answering.
     *
     * @param hub    the running server's hub
     * @param server which implementation this is, for {@code chatd_info}
     * @throws IllegalArgumentException when the config has the endpoint off
     * @throws IOException              when the port cannot be bound
     */
    public static AdminServer start(ChatHub hub, String server) throws IOException {
        ChatConfig config = hub.config();
        if (!isEnabled(config)) throw new IllegalArgumentException("the admin endpoint is off in this config");
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.adminPort()), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads());
        AdminServer admin = new AdminServer(http, handlers, hub, new PrometheusMetrics(hub, server));
        http.createContext("/", admin::handle);
        http.setExecutor(handlers);
        http.start();
        log.info("admin endpoint on http://{} (/health, /metrics)", HostPort.format(config.host(), admin.port()));
        return admin;
    }

    /** The bound address; its port is the real one when 0 was configured. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    /** Stops answering at once and frees the port. Call it after the chat server has closed. */
    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, false, 405, TEXT, utf8("method not allowed\n"));
                return;
            }
            // One context for "/", matched exactly here: HttpServer's own contexts match by
            // prefix, and "/healthz" or "/metrics/x" should be 404s.
            switch (exchange.getRequestURI().getPath()) {
                case "/health":
                    if (hub.isShuttingDown()) reply(exchange, head, 503, TEXT, utf8("shutting down\n"));
                    else reply(exchange, head, 200, TEXT, utf8("ok\n"));
                    break;
                case "/metrics":
                    ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
                    metrics.writeTo(body);
                    reply(exchange, head, 200, PrometheusMetrics.CONTENT_TYPE, body.toByteArray());
                    break;
                default:
                    reply(exchange, head, 404, TEXT, utf8("not found: try /health or /metrics\n"));
            }
        } finally {
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, boolean head, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "chatd-admin-" + count.incrementAndGet());
            // Never what keeps the JVM alive: the chat server decides when the process ends.
            thread.setDaemon(true);
            return thread;
        };
    }
}
