package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.SecurityContract;

/** The shared security contract, against a two-node cluster, each user on a random node. */
class ClusterSecurityTest extends SecurityContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
