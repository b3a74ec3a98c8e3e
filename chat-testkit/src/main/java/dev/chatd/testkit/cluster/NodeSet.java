package dev.chatd.testkit.cluster;

import dev.chatd.common.server.ChatServer;
import java.net.InetSocketAddress;

/**
 * A "server" made of several nodes: {@link dev.chatd.testkit.ServerContract} asks it where each
 * new fake user connects, so the contract classes run unchanged against a cluster.
 */
public interface NodeSet extends ChatServer {

    /** Where the {@code n}th connection of a test (from 1) connects. */
    InetSocketAddress addressFor(int n);

    /** Every node, so a test can check each one's gauges. */
    java.util.List<ChatServer> nodes();
}
