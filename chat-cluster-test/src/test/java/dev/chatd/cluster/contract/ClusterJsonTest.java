package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.JsonContract;

/** The shared json contract, against a two-node cluster, each user on a random node. */
class ClusterJsonTest extends JsonContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
