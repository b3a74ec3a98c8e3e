package dev.chatd.web.config;

import dev.chatd.common.config.HostPort;
import java.util.Objects;

/**
 * One chat server the gateway may connect a browser to: a host (a name or an IP literal, without
 * IPv6 brackets) and a TCP port.
 */
public record Upstream(String host, int port) {

    public Upstream {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("upstream host must not be empty");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("upstream port must be 1-65535: " + port);
    }

    /** {@code host:port}, an IPv6 host in brackets, as the servers write addresses. */
    @Override
    public String toString() {
        return HostPort.format(host, port);
    }
}
