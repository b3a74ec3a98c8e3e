package dev.chatd.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The only kind of address this generator may load: one on this machine's loopback range
 * (127.0.0.0/8, ::1, "localhost"). A load test aimed anywhere else is refused before any packet
 * is sent, because in this workplace no other address may be the target of a load test.
 */
public final class LocalTarget {

    private LocalTarget() {
    }

    /**
     * Resolves {@code host} and returns the address to connect to, or fails if any address it
     * names is not a loopback one.
     */
    public static InetSocketAddress resolve(String host, int port) throws SetupException {
        if (port < 1 || port > 65535) throw new SetupException("port must be 1-65535: " + port);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new SetupException("unknown host: " + host);
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new SetupException("refusing to load " + host + " (" + address.getHostAddress()
                        + "): only loopback targets (127.0.0.0/8, ::1, localhost) are allowed");
            }
        }
        return new InetSocketAddress(addresses[0], port);
    }
}
