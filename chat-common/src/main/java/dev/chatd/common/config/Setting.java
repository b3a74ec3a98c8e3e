package dev.chatd.common.config;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One setting a program takes, as data: its command-line flag, its environment variable, what
 * it means, its default and how to read a value into the program's config {@code C}. The servers'
 * {@link ConfigFlag}s and the web gateway's flags are enums of these, read by the one
 * {@link SettingsParser} and the one {@link SettingsHelp}, so both programs follow the same rules.
 *
 * @param <C> the immutable config a value is read into
 */
public interface Setting<C> {

    /**
     * What a setting is made of.
     *
     * @param flag        the long option, e.g. {@code --port}
     * @param envVar      the environment variable, e.g. {@code CHAT_PORT}
     * @param valueName   what the value is, for the usage column, e.g. {@code <port>}
     * @param description one line on what the setting does
     * @param reader      the config with this setting read from a value; throws
     *                    {@link IllegalArgumentException} saying what is wrong with the value
     *                    (without the flag's name, which the parser adds)
     * @param writer      this setting's value in a config, in a form {@code reader} reads back
     */
    record Spec<C>(String flag, String envVar, String valueName, String description,
                   BiFunction<C, String, C> reader, Function<C, String> writer) {
    }

    /** This setting's parts. */
    Spec<C> spec();

    /** The default, written the way an operator would type it (e.g. {@code 1m}, {@code 5s}, {@code off}). */
    String defaultText();

    /** The long option, e.g. {@code --port}. */
    default String flag() {
        return spec().flag();
    }

    /** The environment variable, e.g. {@code CHAT_PORT}. */
    default String envVar() {
        return spec().envVar();
    }

    /** What the value is, for the usage column. */
    default String valueName() {
        return spec().valueName();
    }

    /** One line on what the setting does. */
    default String description() {
        return spec().description();
    }

    /** This setting's value in {@code config}, in a form {@link #apply} reads back. */
    default String valueOf(C config) {
        return spec().writer().apply(config);
    }

    /**
     * Returns {@code config} with this setting read from {@code value}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with the value
     */
    default C apply(C config, String value) {
        return spec().reader().apply(config, value);
    }
}
