package dev.chatd.cluster;

/** Stream entry ids ({@code <ms>-<n>}): their order, and the id just before one, since XREAD reads after the id it is given. */
final class StreamIds {

    private StreamIds() {
    }

    /** Orders two ids as Redis does: by time, then by sequence. */
    static int compare(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)), Long.parseUnsignedLong(b.substring(0, db)));
        return byTime != 0 ? byTime
                : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)), Long.parseUnsignedLong(b.substring(db + 1)));
    }

    static String before(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseLong(id.substring(0, dash));
        String n = id.substring(dash + 1);
        if (!n.equals("0")) return ms + "-" + Long.toUnsignedString(Long.parseUnsignedLong(n) - 1);
        if (ms == 0) return "0-0";
        return (ms - 1) + "-" + Long.toUnsignedString(-1L);
    }
}
