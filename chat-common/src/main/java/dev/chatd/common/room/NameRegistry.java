package dev.chatd.common.room;

/**
 * Who holds which name: one of the seams where a cluster can share the room model across
 * processes (a cluster would claim names in a shared store). Names are held under their look-alike
 * key ({@link dev.chatd.common.text.Names#key}), so one key is one name.
 *
 * <p>Implementations are thread-safe; every call is short and never calls back into the room model.
 */
public interface NameRegistry {

    /** Takes {@code key} for {@code user}; false if someone else holds it. */
    boolean claim(String key, User user);

    /** Lets go of {@code key} if {@code user} holds it. */
    void release(String key, User user);

    /** The user holding {@code key}, or null. */
    User holder(String key);

    /** How many names are held. */
    int size();
}
