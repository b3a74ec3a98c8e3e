package dev.chatd.web;

import dev.chatd.common.config.ParseOutcome;
import dev.chatd.web.config.WebConfig;
import dev.chatd.web.config.WebConfigParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The container health check of the gateway, with nothing but the JDK: {@code GET /} on this
 * machine's gateway port must answer 200 within a few seconds. It reads the port and host as the
 * gateway does ({@code CHAT_WEB_PORT}, {@code CHAT_WEB_HOST} or the flags). Exit 0 is healthy,
 * 1 is not. It does not open a WebSocket: a chat server that is down is that server's health,
 * and the page tells its users so.
 */
public final class WebHealthProbe {

    static final int HEALTHY = 0;
    static final int UNHEALTHY = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private WebHealthProbe() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out) {
        ParseOutcome<WebConfig> outcome = new WebConfigParser("chat-web-healthcheck").parse(args, env);
        if (!(outcome instanceof ParseOutcome.Parsed<WebConfig> parsed)) {
            out.println("unhealthy: bad configuration: " + outcome);
            return UNHEALTHY;
        }
        WebConfig config = parsed.config();
        try {
            InetAddress address = InetAddress.getByName(config.host());
            String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
            URI page = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port() + "/");
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(HttpRequest.newBuilder(page).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            boolean healthy = response.statusCode() == 200;
            out.println((healthy ? "healthy: " : "unhealthy: ") + "GET " + page + " answered " + response.statusCode());
            return healthy ? HEALTHY : UNHEALTHY;
        } catch (UnknownHostException e) {
            out.println("unhealthy: unknown host " + config.host());
        } catch (IOException e) {
            out.println("unhealthy: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("unhealthy: interrupted");
        }
        return UNHEALTHY;
    }
}
