package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FaultContract;

/** The shared fault contract, against a two-node cluster; it reads one node's gauges, so its users are on that node. */
class ClusterFaultTest extends FaultContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.usersOnFirstNode();
    }
}
