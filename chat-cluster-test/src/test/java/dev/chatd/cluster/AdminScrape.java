package dev.chatd.cluster;

import dev.chatd.common.admin.AdminServer;
import dev.chatd.common.server.ChatServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A node's admin endpoint, started as its main would (a node started in the test has none), and
 * its {@code /metrics} read over HTTP: one sample's value by its series as written, e.g.
 * {@code chatd_cluster_publish_seconds_bucket{le="+Inf"}}.
 */
final class AdminScrape implements AutoCloseable {

    private final AdminServer admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminScrape(ChatServer node, String server) {
        try {
            this.admin = AdminServer.start(node.hub(), server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole exposition, as scraped now. */
    String text() {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new AssertionError("/metrics answered " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One series' value now; fails the test when the scrape has no such series. */
    double value(String series) {
        String text = text();
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).strip());
        }
        throw new AssertionError("no series " + series + " in:\n" + text);
    }

    /** The {@code # TYPE} of a metric family. */
    String type(String family) {
        String prefix = "# TYPE " + family + " ";
        for (String line : text().split("\n")) {
            if (line.startsWith(prefix)) return line.substring(prefix.length()).strip();
        }
        throw new AssertionError("no metric family " + family);
    }

    @Override
    public void close() {
        admin.close();
    }
}
