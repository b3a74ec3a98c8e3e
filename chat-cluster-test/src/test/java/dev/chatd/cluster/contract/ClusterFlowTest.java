package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FlowContract;

/** The shared flow contract, against a two-node cluster; it reads one node's gauges, so its users are on that node. */
class ClusterFlowTest extends FlowContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.usersOnFirstNode();
    }
}
