package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.RoomContract;

/** The shared room contract, against a two-node cluster, each user on a random node. */
class ClusterRoomTest extends RoomContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
