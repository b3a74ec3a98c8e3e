package dev.chatd.common.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The socket layer an operator asks for with {@code --transport}. Only the callback server has a
 * choice (Netty's io_uring, epoll or NIO); the streams server is the JDK's NIO.2 by design and
 * takes {@link #AUTO} or {@link #NIO}. Which layer {@code auto} picks is the server's to decide,
 * so it can follow what each layer measured on its own transport.
 */
public enum TransportChoice {
    AUTO, IO_URING, EPOLL, NIO;

    /** How the flag spells it: {@code auto}, {@code io_uring}, {@code epoll}, {@code nio}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every spelling, for help and error texts: {@code auto|io_uring|epoll|nio}. */
    public static String choices() {
        return Arrays.stream(values()).map(TransportChoice::flagValue).collect(Collectors.joining("|"));
    }

    /** The flag's value read case-insensitively; anything else is a bad value. */
    static TransportChoice parse(String raw, String what) {
        String text = raw.strip().toLowerCase(Locale.ROOT);
        for (TransportChoice choice : values()) {
            if (choice.flagValue().equals(text)) return choice;
        }
        throw new IllegalArgumentException(what + " must be one of " + choices() + ": " + ValueFormats.quote(raw));
    }
}
