package dev.chatd.cluster.contract;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.cluster.ClusterFixture;

/** The cluster the contracts run against: a callback node and a streams node on one Redis. */
final class MixedCluster {

    private MixedCluster() {
    }

    /** Users on a node drawn at random. */
    static ChatServerFactory randomNodes() {
        return ClusterFixture.of(CallbackServer::start, StreamsServer::start);
    }

    /** Users on the callback node, for contracts that read that node's gauges and counters. */
    static ChatServerFactory usersOnFirstNode() {
        return ClusterFixture.of(ClusterFixture.Placement.FIRST_NODE, CallbackServer::start, StreamsServer::start);
    }
}
