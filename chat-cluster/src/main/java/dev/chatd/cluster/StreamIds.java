package dev.chatd.cluster;

/** Stream entry ids ({@code <ms>-<n>}): the id just before one, since XREAD reads after the id it is given. */
final class StreamIds {

    private StreamIds() {
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
