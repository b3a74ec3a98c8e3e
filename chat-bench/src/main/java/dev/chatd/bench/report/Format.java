package dev.chatd.bench.report;

import java.util.Locale;

/** How figures are written in the tables and on the charts. */
final class Format {

    static final String NONE = "—";

    private Format() {
    }

    /** 1500000 as "1.5M", 250000 as "250k", 950 as "950". */
    static String millions(double value) {
        if (value >= 1e6) return trim(String.format(Locale.ROOT, "%.2f", value / 1e6)) + "M";
        if (value >= 1e3) return trim(String.format(Locale.ROOT, "%.1f", value / 1e3)) + "k";
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** An integer with thousands separators: 5,868,186. */
    static String grouped(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Milliseconds with about three significant digits. */
    static String ms(Double value) {
        if (value == null) return NONE;
        if (value < 10) return String.format(Locale.ROOT, "%.2f", value);
        if (value < 100) return String.format(Locale.ROOT, "%.1f", value);
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Cores used, two decimals. */
    static String cores(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Seconds, two decimals. */
    static String seconds(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%.2f s", value);
    }

    /** Bytes, exact with separators. */
    static String bytes(Long value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d B", value);
    }

    /** Bytes in MiB, no decimals: 503,316,480 as "480 MiB". */
    static String mebibytes(Long value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d MiB", Math.round(value / (1024.0 * 1024.0)));
    }

    /** "2.50" as "2.5", "2.00" as "2". */
    static String trim(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("0+$", "").replaceAll("\\.$", "") : decimal;
    }
}
