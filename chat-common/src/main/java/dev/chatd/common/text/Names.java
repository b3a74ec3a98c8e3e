package dev.chatd.common.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for user and room names (docs/protocol.md, "Logging in"): after NFC normalisation, 1 to 32
 * code points, each a Unicode letter, a decimal digit, {@code _} or {@code -}. These rules are what
 * keeps names free of the characters that start other kinds of lines: space, {@code :}, {@code *},
 * {@code !} and {@code [}. User names are unique by their look-alike {@link #key}; room names by
 * their lower-case form.
 */
public final class Names {

    /** Most code points in a user or room name. */
    public static final int MAX_CODE_POINTS = 32;

    /** Error text for a rejected user name, without the {@code "! "} prefix. */
    public static final String INVALID_NAME = "invalid name: use 1-32 letters, digits, '_' or '-'";

    /** Error text for a rejected room name, without the {@code "! "} prefix. */
    public static final String INVALID_ROOM = "invalid room: use 1-32 letters, digits, '_' or '-'";

    private Names() {
    }

    /**
     * Returns the NFC form of {@code sanitized}, case kept as typed, if it is a valid user name;
     * otherwise empty. The argument must already have been through {@link Sanitizer#sanitize}.
     */
    public static Optional<String> validName(String sanitized) {
        String name = nfc(sanitized);
        return isValid(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * Returns the room name, without {@code #} and in lower case, if {@code sanitized} is a valid
     * room name with one optional leading {@code #}; otherwise empty.
     */
    public static Optional<String> validRoom(String sanitized) {
        String withoutHash = sanitized.startsWith("#") ? sanitized.substring(1) : sanitized;
        String room = nfc(withoutHash);
        if (!isValid(room)) return Optional.empty();
        // Lower-casing can add code points (U+0130 becomes i + U+0307, a mark): the stored name
        // must itself follow the rules, so check again.
        String lower = nfc(room.toLowerCase(Locale.ROOT));
        return isValid(lower) ? Optional.of(lower) : Optional.empty();
    }

    /**
     * The key under which a name must be unique (docs/protocol.md): names that look alike collide.
     * It is the UTS #39 confusable skeleton of the name's NFKC case fold, taken again until it no
     * longer changes, so {@code key(key(x))} equals {@code key(x)}. So {@code alice}, {@code ALICE},
     * {@code аlice} (Cyrillic а), {@code ａｌｉｃｅ} and {@code ɑlice} share a key, as do
     * {@code Straße} and {@code STRASSE}, and {@code bob0} and {@code bobo}. Independent of the
     * default locale. A key is for comparing only: it is not a name and is never shown.
     *
     * <p>Costs about a microsecond, so callers keep it rather than compute it per line.
     */
    public static String key(String name) {
        return LookAlikeKey.of(name);
    }

    /**
     * True when two names differ at most in case, as the protocol allows a {@code /nick} to change
     * a name held: {@code alice} and {@code ALICE}, {@code Straße} and {@code STRASSE}; not a
     * look-alike such as {@code аlice} (Cyrillic а) or {@code ａｌｉｃｅ}, though those share a key.
     * Independent of the default locale.
     */
    public static boolean differOnlyInCase(String a, String b) {
        // Both ways round: lower-casing keeps ß apart from SS, upper-casing brings them together.
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT))
                || a.toUpperCase(Locale.ROOT).equals(b.toUpperCase(Locale.ROOT));
    }

    private static String nfc(String text) {
        // Checking first returns the same instance for the usual, already-normalised name.
        return Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static boolean isValid(String name) {
        int count = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (!isNameCodePoint(codePoint) || ++count > MAX_CODE_POINTS) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return count > 0;
    }

    private static boolean isNameCodePoint(int codePoint) {
        // isLetter is exactly the general categories Lu, Ll, Lt, Lm, Lo; isDigit is exactly Nd.
        return Character.isLetter(codePoint) || Character.isDigit(codePoint)
                || codePoint == '_' || codePoint == '-';
    }
}
