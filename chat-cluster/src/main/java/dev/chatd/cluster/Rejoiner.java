package dev.chatd.cluster;

import dev.chatd.common.room.User;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back this node's users whom another node has announced {@code (node lost)}: that happens
 * when this node's link to Redis was down longer than its heartbeat lives while the others still
 * had theirs, so they took it for dead, freed its users' names and published their leaves. Those
 * users are still connected here. When such a leave comes through the room's stream, the user's
 * name is claimed again and their join published, so the room sees {@code * bob joined #lobby}
 * and {@code /who}, {@code /msg} and name uniqueness cover them again.
 *
 * <p>Why when the leave arrives and not when the link comes back: the node that cleans up frees a
 * name before it publishes the leave, on one connection, so once the leave has been read the
 * claim cannot be undone by a release still to come. The cleanup's mark is then deleted, so that
 * this node, if it dies later, is judged again at once rather than after the mark's minute.
 */
final class Rejoiner {

    private static final Logger log = LoggerFactory.getLogger(Rejoiner.class);

    private final RedisAsyncCommands<String, String> redis;
    private final String instance;
    private final ClusterNames names;
    private final ClusterEvents events;

    Rejoiner(RedisAsyncCommands<String, String> redis, String instance, ClusterNames names, ClusterEvents events) {
        this.redis = redis;
        this.instance = instance;
        this.names = names;
        this.events = events;
    }

    /**
     * {@code user}, a member of {@code room} here, has been announced lost by another node. Holds
     * no lock: the writes go out in order on the node's command connection, or with the held lines
     * if the link is down again.
     */
    void takeBack(String room, User user) {
        String uid = names.uid(user);
        log.warn("{} was announced lost from #{} by another node while this node's link was down; taking them back",
                user, room);
        events.whenUp(() -> {
            redis.del(Keys.lapsed(instance));
            redis.set(Keys.name(user.key()), Keys.nameValue(instance, uid, user.name()), SetArgs.Builder.nx())
                    .whenComplete((ok, failure) -> {
                        if (failure == null && !"OK".equals(ok)) {
                            log.warn("the name of {} was taken meanwhile and is held twice", user);
                        }
                    });
        });
        events.rejoin(room, user, uid);
    }
}
