package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FlowContract;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** The shared flow contract, against a two-node cluster; it reads one node's gauges, so its users are on that node. */
class ClusterFlowTest extends FlowContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.usersOnFirstNode();
    }

    /**
     * Known gap (issue 13; docs/cluster.md, "Not done yet"): on one node a flooder is paced by its
     * own echo (a session reads on only once its writer is under the limit), but a cluster node
     * hands the flooder's lines to Redis and the echo comes back later, so reading is not paced:
     * 64 lines of 4 KB are read before the first echo is back, and the echo of all of them at once
     * passes the 256 KiB limit, so the flooder is cut. The fix is a bound on each user's own events
     * in flight that both servers wait on before reading the next line; it is left out for now (see
     * docs/cluster.md for why).
     */
    @Override
    @Test
    @Disabled("issue 13: a flooder is not paced by its echo across the cluster yet")
    public void aFlooderThatReadsEverythingIsNeverCutWhileAUserWhoReadsNothingIs() {
    }
}
