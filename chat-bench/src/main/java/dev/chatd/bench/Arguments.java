package dev.chatd.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} and {@code --flag} words after a subcommand, checked against the names
 * that subcommand knows, with typed, range-checked getters whose errors name the flag.
 */
public final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    private Arguments() {
    }

    /**
     * Parses {@code words}: each known value flag takes the next word, each known switch stands
     * alone. Fails on an unknown flag, a missing value or a repeated flag.
     */
    public static Arguments parse(String[] words, Set<String> valueFlags, Set<String> switches) throws SetupException {
        Arguments args = new Arguments();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (!word.startsWith("--")) throw new SetupException("unexpected argument: " + word);
            String name = word.substring(2);
            String value;
            if (switches.contains(name)) {
                value = "true";
            } else if (valueFlags.contains(name)) {
                if (i + 1 >= words.length) throw new SetupException("--" + name + " needs a value");
                value = words[++i];
            } else {
                throw new SetupException("unknown option: " + word);
            }
            if (args.values.put(name, value) != null) throw new SetupException("--" + name + " given twice");
        }
        return args;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A whole number in {@code [min, max]}; {@code fallback} when absent. */
    public long number(String name, long fallback, long min, long max) throws SetupException {
        String raw = values.get(name);
        if (raw == null) return fallback;
        long value;
        try {
            value = Long.parseLong(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new SetupException("--" + name + " must be a whole number: " + raw);
        }
        if (value < min || value > max) throw new SetupException("--" + name + " must be " + min + "-" + max + ": " + raw);
        return value;
    }

    /** An int in {@code [min, max]} that must be given. */
    public int requiredInt(String name, int min, int max) throws SetupException {
        if (!has(name)) throw new SetupException("--" + name + " is required");
        return (int) number(name, 0, min, max);
    }

    public int integer(String name, int fallback, int min, int max) throws SetupException {
        return (int) number(name, fallback, min, max);
    }

    /** A number of seconds, fractions allowed, in {@code (0, max]}; {@code fallback} when absent. */
    public double seconds(String name, double fallback, double max) throws SetupException {
        String raw = values.get(name);
        if (raw == null) return fallback;
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new SetupException("--" + name + " must be a number of seconds: " + raw);
        }
        if (!(value >= 0) || value > max) throw new SetupException("--" + name + " must be 0-" + (long) max + " seconds: " + raw);
        return value;
    }
}
