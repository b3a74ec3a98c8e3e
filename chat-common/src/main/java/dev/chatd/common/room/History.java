package dev.chatd.common.room;

import dev.chatd.common.render.RenderedLine;

/**
 * A room's last events, for {@code /history}: a ring of the very {@link RenderedLine}s its members
 * were sent live, so history keeps no second copy of their bytes, and replays them with their
 * original {@code seq} and {@code ts}. Bounded by the configured count; a room's history goes
 * with the room. Guarded by the room's monitor, like the rest of {@link Room}.
 */
final class History {

    private static final RenderedLine[] NONE = new RenderedLine[0];

    private final int capacity;
    // Grows to capacity as events come, so a room with few events holds a small array.
    private RenderedLine[] ring = NONE;
    private int start;
    private int size;

    History(int capacity) {
        this.capacity = capacity;
    }

    void add(RenderedLine event) {
        if (capacity == 0) return;
        if (size < capacity) {
            if (size == ring.length) grow();
            ring[(start + size++) % ring.length] = event;
        } else {
            ring[start] = event;
            start = (start + 1) % ring.length;
        }
    }

    /** The last {@code count} events (fewer if there are fewer), oldest first. */
    RenderedLine[] last(int count) {
        int n = Math.min(count, size);
        RenderedLine[] out = new RenderedLine[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(start + size - n + i) % ring.length];
        }
        return out;
    }

    int size() {
        return size;
    }

    /** Forgets every event (the room's history was lost elsewhere, say). */
    void clear() {
        ring = NONE;
        start = 0;
        size = 0;
    }

    private void grow() {
        RenderedLine[] bigger = new RenderedLine[Math.min(capacity, Math.max(8, 2 * ring.length))];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(start + i) % ring.length];
        }
        ring = bigger;
        start = 0;
    }
}
