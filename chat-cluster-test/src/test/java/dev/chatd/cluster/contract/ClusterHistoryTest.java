package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.HistoryContract;

/** The shared history contract, against a two-node cluster, each user on a random node. */
class ClusterHistoryTest extends HistoryContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
