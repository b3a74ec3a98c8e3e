package dev.chatd.cluster;

import dev.chatd.common.room.Room;
import dev.chatd.common.room.User;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room as this node holds it while it has users in it: the local {@link Room} (members here,
 * history), the room's members on every node ({@link MemberList}), and this node's users whose
 * join has not come back from Redis yet. All guarded by the room's lock.
 */
final class ClusterRoom {

    final Room room;
    final MemberList members = new MemberList();
    /**
     * Users of this node who have sent their join and wait for it, by user id. Concurrent as well,
     * so that a join tried again can ask whether its user still waits without the room's lock.
     */
    final Map<String, User> pending = new ConcurrentHashMap<>();
    /** This node's users in the room, pending ones included; at 0 the node stops reading it. */
    int local;

    ClusterRoom(Room room) {
        this.room = room;
    }

    String name() {
        return room.name();
    }
}
