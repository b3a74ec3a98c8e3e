package dev.chatd.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the users connect: one server, or with {@code --targets host:port,host:port} the nodes of
 * a cluster, user {@code i} on address {@code i mod n} (round robin, so senders, users 0 to S-1,
 * are spread over the nodes too). Every address must be a loopback one ({@link LocalTarget}).
 *
 * @param addresses the resolved addresses, in the order given
 * @param text      how they are named in results and messages, e.g. {@code 127.0.0.1:4455,127.0.0.1:4456}
 */
record Targets(List<InetSocketAddress> addresses, String text) {

    Targets {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) throw new IllegalArgumentException("no target");
    }

    /** The single server at {@code host:port}. */
    static Targets single(String host, int port) throws SetupException {
        return new Targets(List.of(LocalTarget.resolve(host, port)), host + ":" + port);
    }

    /**
     * {@code --targets} if given (then {@code --host} and {@code --port} must not be), else the
     * single server of {@code common}.
     */
    static Targets from(Arguments args, CommonOptions common) throws SetupException {
        if (!args.has("targets")) return single(common.host(), common.port());
        if (args.has("host") || args.has("port")) throw new SetupException("give --targets or --host/--port, not both");
        if (common.websocket()) throw new SetupException("--targets is for chat servers; --websocket takes one gateway");
        return parse(args.string("targets", ""));
    }

    /** A comma-separated list of {@code host:port} ({@code [v6]:port} for IPv6). */
    static Targets parse(String list) throws SetupException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String target = item.strip();
            int colon = target.lastIndexOf(':');
            if (colon <= 0 || colon == target.length() - 1) {
                throw new SetupException("--targets takes host:port,host:port,...: " + (target.isEmpty() ? "(empty)" : target));
            }
            String host = target.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            int port;
            try {
                port = Integer.parseInt(target.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new SetupException("--targets: not a port in " + target);
            }
            addresses.add(LocalTarget.resolve(host, port));
        }
        return new Targets(addresses, list.strip());
    }

    /** The address user {@code index} connects to. */
    InetSocketAddress forUser(int index) {
        return addresses.get(index % addresses.size());
    }
}
