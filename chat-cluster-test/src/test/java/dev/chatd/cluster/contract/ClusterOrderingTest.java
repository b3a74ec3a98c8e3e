package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.OrderingContract;

/** The shared ordering contract, against a two-node cluster, each user on a random node. */
class ClusterOrderingTest extends OrderingContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
