package dev.chatd.common.config;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * How both servers turn the configured host into the address they bind, and how every log line
 * and error message writes an address: {@code host:port}, an IPv6 host in brackets.
 */
public final class HostPort {

    private HostPort() {
    }

    /**
     * Writes {@code host:port}, bracketing an IPv6 host ({@code [::]:4455}). The listening line
     * and the start errors pass the host as configured, so both show what the operator typed
     * rather than the JDK's expanded form ({@code 0:0:0:0:0:0:0:0}).
     */
    public static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The address to bind the chat port to. The config parser has already resolved the host, so
     * this fails only when a name stopped resolving since, and then as an {@link java.io.IOException},
     * which both servers report as a start failure in the same words.
     *
     * @throws UnknownHostException when the host does not resolve
     */
    public static InetSocketAddress chatAddress(ChatConfig config) throws UnknownHostException {
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException(config.host());
        }
        return address;
    }
}
