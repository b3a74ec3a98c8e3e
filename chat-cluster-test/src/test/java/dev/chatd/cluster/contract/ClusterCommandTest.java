package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.CommandContract;

/** The shared command contract, against a two-node cluster, each user on a random node. */
class ClusterCommandTest extends CommandContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
