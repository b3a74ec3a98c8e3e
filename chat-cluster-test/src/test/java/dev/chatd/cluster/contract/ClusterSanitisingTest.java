package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.SanitisingContract;

/** The shared sanitising contract, against a two-node cluster, each user on a random node. */
class ClusterSanitisingTest extends SanitisingContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
