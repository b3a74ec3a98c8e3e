package dev.chatd.cluster;

import dev.chatd.common.text.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A room's members on every node, as this node has read them from the room's stream: a snapshot
 * taken atomically with this node's first join, then every join, leave and nick in the room's one
 * order. So {@code /who} and the users line agree with the events around them. Guarded by the
 * room's lock.
 */
final class MemberList {

    private final Map<String, String> orderOf = new HashMap<>();
    private final TreeMap<String, String> byOrder = new TreeMap<>();

    void addAll(Collection<String> names) {
        for (String name : names) add(name);
    }

    void add(String name) {
        if (orderOf.containsKey(name)) return;
        // As User.order: case-insensitive on the name as held, the look-alike key breaking ties.
        String order = name.toLowerCase(Locale.ROOT) + '\0' + Names.key(name);
        orderOf.put(name, order);
        byOrder.put(order, name);
    }

    void remove(String name) {
        String order = orderOf.remove(name);
        if (order != null) byOrder.remove(order);
    }

    void rename(String from, String to) {
        remove(from);
        add(to);
    }

    int size() {
        return orderOf.size();
    }

    List<String> sorted() {
        return new ArrayList<>(byOrder.values());
    }
}
