package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.TelnetContract;

/** The shared telnet contract, against a two-node cluster, each user on a random node. */
class ClusterTelnetTest extends TelnetContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
