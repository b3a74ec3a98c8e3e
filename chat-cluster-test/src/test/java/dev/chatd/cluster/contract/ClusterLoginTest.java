package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.LoginContract;

/** The shared login contract, against a two-node cluster, each user on a random node. */
class ClusterLoginTest extends LoginContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
