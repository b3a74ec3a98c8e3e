package dev.chatd.common.room;

import dev.chatd.common.render.JoinedNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A room's member names in users-line order (by {@link User#order()}), kept as the users line
 * needs them: the names, and their UTF-8 bytes joined by {@code ", "}, updated in place on each
 * join and leave. So a newcomer's users line costs two array copies ({@link #snapshot}), where
 * walking a sorted map and encoding every name again cost a tenth of a 10,000-user login storm.
 * A join or leave moves the arrays' tails along (a memory move of some tens of KB at 10,000
 * members), cheaper than the walk it saves. Not thread-safe: its {@link Room}'s lock guards it.
 */
final class MemberNames {

    private static final int FIRST_CAPACITY = 8;
    private static final byte[] SEPARATOR = {',', ' '};

    private String[] orders = new String[FIRST_CAPACITY];
    private String[] names = new String[FIRST_CAPACITY];
    /** Each name's length in UTF-8, so a byte offset is a sum over one int array. */
    private int[] widths = new int[FIRST_CAPACITY];
    private int count;
    private byte[] joined = new byte[FIRST_CAPACITY * 16];
    private int joinedLength;

    /** Adds a name under its sort key, which no other name here has. */
    void add(String order, String name) {
        int at = -Arrays.binarySearch(orders, 0, count, order) - 1;
        if (at < 0) throw new IllegalStateException("already listed: " + name);
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        if (count == orders.length) grow(Math.max(FIRST_CAPACITY, 2 * count));
        // The bytes go in as "name, " before the name now at that place, or as ", name" at the end.
        int offset = count == 0 ? 0 : at < count ? byteOffset(at) : joinedLength;
        int inserted = encoded.length + (count == 0 ? 0 : SEPARATOR.length);
        ensureBytes(joinedLength + inserted);
        System.arraycopy(joined, offset, joined, offset + inserted, joinedLength - offset);
        if (count > 0 && at == count) {
            System.arraycopy(SEPARATOR, 0, joined, offset, SEPARATOR.length);
            System.arraycopy(encoded, 0, joined, offset + SEPARATOR.length, encoded.length);
        } else {
            System.arraycopy(encoded, 0, joined, offset, encoded.length);
            if (count > 0) System.arraycopy(SEPARATOR, 0, joined, offset + encoded.length, SEPARATOR.length);
        }
        joinedLength += inserted;
        System.arraycopy(orders, at, orders, at + 1, count - at);
        System.arraycopy(names, at, names, at + 1, count - at);
        System.arraycopy(widths, at, widths, at + 1, count - at);
        orders[at] = order;
        names[at] = name;
        widths[at] = encoded.length;
        count++;
    }

    /** Removes the name listed under that sort key; false, and nothing removed, if there is none. */
    boolean remove(String order) {
        int at = Arrays.binarySearch(orders, 0, count, order);
        if (at < 0) return false;
        // What goes: "name, " for any but the last, ", name" for the last, the name if it is alone.
        int width = widths[at];
        int offset;
        int removed;
        if (count == 1) {
            offset = 0;
            removed = joinedLength;
        } else if (at < count - 1) {
            offset = byteOffset(at);
            removed = width + SEPARATOR.length;
        } else {
            removed = width + SEPARATOR.length;
            offset = joinedLength - removed;
        }
        System.arraycopy(joined, offset + removed, joined, offset, joinedLength - offset - removed);
        joinedLength -= removed;
        System.arraycopy(orders, at + 1, orders, at, count - at - 1);
        System.arraycopy(names, at + 1, names, at, count - at - 1);
        System.arraycopy(widths, at + 1, widths, at, count - at - 1);
        count--;
        orders[count] = null;
        names[count] = null;
        // A room that has emptied after a crowd does not keep the crowd's arrays.
        if (orders.length > FIRST_CAPACITY && count < orders.length / 4) grow(Math.max(FIRST_CAPACITY, orders.length / 2));
        if (joined.length > FIRST_CAPACITY * 16 && joinedLength < joined.length / 4) {
            joined = Arrays.copyOf(joined, Math.max(FIRST_CAPACITY * 16, joined.length / 2));
        }
        return true;
    }

    /** The names now, in order, with their joined bytes: a copy the room may change after. */
    JoinedNames snapshot() {
        return new JoinedNames(Arrays.copyOf(names, count), Arrays.copyOf(joined, joinedLength));
    }

    int size() {
        return count;
    }

    /** Where the name at {@code index} starts in {@link #joined}. */
    private int byteOffset(int index) {
        int offset = 0;
        for (int i = 0; i < index; i++) offset += widths[i];
        return offset + SEPARATOR.length * index;
    }

    private void grow(int capacity) {
        orders = Arrays.copyOf(orders, capacity);
        names = Arrays.copyOf(names, capacity);
        widths = Arrays.copyOf(widths, capacity);
    }

    private void ensureBytes(int needed) {
        if (needed > joined.length) joined = Arrays.copyOf(joined, Math.max(needed, 2 * joined.length));
    }
}
