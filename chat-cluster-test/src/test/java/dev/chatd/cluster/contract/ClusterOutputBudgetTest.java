package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.OutputBudgetContract;

/** The shared output-budget contract, against a two-node cluster; it reads one node's counters, so its users are on that node. */
class ClusterOutputBudgetTest extends OutputBudgetContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.usersOnFirstNode();
    }
}
