package dev.chatd.cluster.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.soak.SoakContract;
import org.junit.jupiter.api.Disabled;

/**
 * The soak contract (1,000 users churning: joins, leaves, renames, floods, slow readers cut,
 * abrupt closes) against a two-node cluster, each user on a random node, so the churn crosses
 * nodes; at the end every node's gauges are back to empty.
 *
 * <p>Disabled: it found a bug (docs/cluster.md, "Not done yet"). It passed 2 runs of 5 (0 of
 * 404,147 room events wrong), but in the others some users' own room lines never came back and
 * no other member saw them either, with no {@code ! not sent} and no link loss (e.g. "NORMAL u31
 * in #r15: quit after 8 messages but only 0 came back", {@code -Dsoak.seed=14096964722781
 * -Dcluster.seed=14285546293038}); once "own message 2 came back after 0". Run it with that seed
 * to work on the bug; enable it once it passes.
 */
@Disabled("issue 13: under churn some users' own lines are never published or never delivered; see docs/cluster.md")
class ClusterSoakTest extends SoakContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return MixedCluster.randomNodes();
    }
}
