package dev.chatd.cluster;

/**
 * The cluster's Redis keys, all under {@code chatd:}. A room's keys share the hash tag
 * {@code {r:<room>}} and a node's the tag {@code {n:<instance>}}, so each room's script touches
 * one slot of its own, apart from the rooms index (docs/cluster.md says what that means for Redis
 * Cluster).
 */
final class Keys {

    static final String ROOMS = "chatd:rooms";
    static final String NODES = "chatd:nodes";
    /** Set once per Redis data set: a node that finds it gone knows Redis came back empty. */
    static final String EPOCH = "chatd:epoch";

    private Keys() {
    }

    static String seq(String room) {
        return "chatd:{r:" + room + "}:seq";
    }

    static String log(String room) {
        return "chatd:{r:" + room + "}:log";
    }

    static String members(String room) {
        return "chatd:{r:" + room + "}:members";
    }

    static String name(String nameKey) {
        return "chatd:name:" + nameKey;
    }

    static String inbox(String instance) {
        return "chatd:{n:" + instance + "}:inbox";
    }

    static String alive(String instance) {
        return "chatd:{n:" + instance + "}:alive";
    }

    static String lapsed(String instance) {
        return "chatd:{n:" + instance + "}:lapsed";
    }

    /** The room a {@link #log} key belongs to. */
    static String roomOfLog(String logKey) {
        return logKey.substring("chatd:{r:".length(), logKey.length() - "}:log".length());
    }

    /** The value of a name key: who holds it, and as what. */
    static String nameValue(String instance, String uid, String name) {
        return instance + " " + uid + " " + name;
    }
}
