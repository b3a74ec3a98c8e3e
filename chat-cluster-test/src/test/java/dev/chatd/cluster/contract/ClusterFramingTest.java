package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FramingContract;

/** The shared framing contract, against a two-node cluster, each user on a random node. */
class ClusterFramingTest extends FramingContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
