package dev.chatd.common.room;

import java.util.concurrent.CompletionStage;

/**
 * Who holds which name: one of the seams where a cluster shares the room model across processes
 * (a cluster claims names in a shared store). Names are held under their look-alike key
 * ({@link dev.chatd.common.text.Names#key}), so one key is one name.
 *
 * <p>Implementations are thread-safe and never call back into the room model from a call. The
 * local one answers every call at once; a cluster's {@link #claim} waits for its store (it is
 * called at login and {@code /nick} only), and {@link #sendPrivate} completes later.
 */
public interface NameRegistry {

    /** Takes {@code key} for {@code user}, who will hold it as {@code name}. */
    NameClaim claim(String key, String name, User user);

    /** Lets go of {@code key} if {@code user} holds it. */
    void release(String key, User user);

    /** The user of this process holding {@code key}, or null. */
    User holder(String key);

    /**
     * Hands {@code [pm from <from>] <text>} to whoever holds {@code key}, in this process or on any
     * node of its cluster. Completes with the name as the recipient holds it, or with null when
     * nobody holds the key.
     */
    CompletionStage<String> sendPrivate(String key, String from, String text);

    /** How many names this process's users hold. */
    int size();
}
