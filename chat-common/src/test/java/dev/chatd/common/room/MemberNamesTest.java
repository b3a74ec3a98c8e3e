package dev.chatd.common.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.common.render.JoinedNames;
import dev.chatd.common.render.OutputFormat;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The users line's names kept in place, against the plain way: a sorted map, joined anew. */
class MemberNamesTest {

    private final Renderer renderer = new Renderer();
    private final MemberNames names = new MemberNames();
    private final TreeMap<String, String> expected = new TreeMap<>();

    @Test
    void firstMiddleAndLastPlacesKeepTheSeparators() {
        add("mia");
        check();
        add("zoe");
        add("abe");
        add("Kim");
        check();
        remove("abe"); // the first
        check();
        remove("zoe"); // the last
        check();
        remove("Kim"); // in the middle
        check();
        remove("mia"); // the only one
        check();
        add("ünïcødé");
        add("日本");
        add("Élodie");
        check();
    }

    @Test
    void randomJoinsLeavesAndRenamesMatchTheSortedMap() {
        Random random = new Random(42);
        List<String> present = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            boolean join = present.isEmpty() || (present.size() < 2_000 && random.nextInt(100) < 55);
            if (join) {
                String name = name(random);
                if (expected.containsKey(order(name))) continue;
                add(name);
                present.add(name);
            } else {
                String name = present.remove(random.nextInt(present.size()));
                remove(name);
            }
            if (step % 97 == 0) check();
        }
        check();
        while (!present.isEmpty()) remove(present.remove(present.size() - 1));
        check();
    }

    @Test
    void removingAnUnlistedNameChangesNothing() {
        add("ann");
        names.remove(order("bob"));
        check();
    }

    private void add(String name) {
        names.add(order(name), name);
        expected.put(order(name), name);
    }

    private void remove(String name) {
        names.remove(order(name));
        expected.remove(order(name));
    }

    private void check() {
        List<String> sorted = new ArrayList<>(expected.values());
        JoinedNames snapshot = names.snapshot();
        assertEquals(sorted, snapshot);
        assertEquals(sorted.size(), names.size());
        String text = new String(renderer.render(new ServerLine.Users("r", snapshot), OutputFormat.TEXT), StandardCharsets.UTF_8);
        assertEquals("* users in #r: " + String.join(", ", sorted) + "\r\n", text);
    }

    private static String order(String name) {
        return name.toLowerCase(Locale.ROOT) + '\0' + name; // the shape of User.order(), the key as the tie-break
    }

    private static String name(Random random) {
        String[] alphabet = {"a", "b", "C", "d", "é", "ß", "日", "Ω", "_", "-", "7"};
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) b.append(alphabet[random.nextInt(alphabet.length)]);
        return b.toString();
    }
}
