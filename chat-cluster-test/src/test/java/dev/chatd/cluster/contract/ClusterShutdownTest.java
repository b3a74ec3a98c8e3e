package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.ShutdownContract;

/** The shared shutdown contract, against a two-node cluster, each user on a random node. */
class ClusterShutdownTest extends ShutdownContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
