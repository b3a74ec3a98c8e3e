package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.DisconnectContract;

/** The shared disconnect contract, against a two-node cluster, each user on a random node. */
class ClusterDisconnectTest extends DisconnectContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
