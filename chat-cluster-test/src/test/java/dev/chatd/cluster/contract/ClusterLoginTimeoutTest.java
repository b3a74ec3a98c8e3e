package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.LoginTimeoutContract;

/** The shared logintimeout contract, against a two-node cluster; it reads one node's gauges, so its users are on that node. */
class ClusterLoginTimeoutTest extends LoginTimeoutContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.usersOnFirstNode();
    }
}
