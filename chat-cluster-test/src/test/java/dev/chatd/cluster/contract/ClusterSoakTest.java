package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.soak.SoakContract;

/**
 * The soak contract (1,000 users churning: joins, leaves, renames, floods, slow readers cut,
 * abrupt closes) against a two-node cluster, each user on a random node, so the churn crosses
 * nodes; at the end every node's gauges are back to empty.
 */
class ClusterSoakTest extends SoakContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
