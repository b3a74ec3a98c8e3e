package dev.chatd.common.render;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A users line's names, in order, together with their text form already encoded: the names in
 * UTF-8 joined by {@code ", "}. Immutable. A room keeps its members' names this way, so the text
 * users line each newcomer gets is one copy of those bytes ({@link Renderer}), not a walk over
 * every member's name: at 10,000 members that walk was a tenth of a login storm's time.
 */
public final class JoinedNames extends AbstractList<String> implements RandomAccess {

    private final String[] names;
    private final byte[] joined;

    /**
     * @param names  the names in order; taken as they are (the caller hands over a copy)
     * @param joined exactly {@code String.join(", ", names)} in UTF-8; taken as it is too
     */
    public JoinedNames(String[] names, byte[] joined) {
        this.names = names;
        this.joined = joined;
    }

    /** The names as one line's worth of text, built from scratch (for tests and small lists). */
    public static JoinedNames of(String... names) {
        return new JoinedNames(names.clone(), String.join(", ", names).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String get(int index) {
        return names[index];
    }

    @Override
    public int size() {
        return names.length;
    }

    /** How many bytes {@link #copyJoinedTo} writes. */
    int joinedLength() {
        return joined.length;
    }

    /** Writes the joined names at {@code at} in {@code out}. */
    void copyJoinedTo(byte[] out, int at) {
        System.arraycopy(joined, 0, out, at, joined.length);
    }
}
