package dev.chatd.common.server;

import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Words a failure to bind or start so that it reads the same whichever server or transport hit
 * it. The JDK and Netty's native epoll both report the operating system's error text, but Netty
 * puts the system call and errno in front ({@code bind(..) failed with error(-98): Address already
 * in use}) where the JDK says just {@code Address already in use}; this keeps only the common part.
 */
final class StartFailure {

    /** Netty's native transport's prefix: the system call, and since 4.2 the errno. */
    private static final Pattern NATIVE_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");
    private static final String NOT_LOCAL = "cannot assign requested address";

    private StartFailure() {
    }

    /** The reason to print after {@code cannot listen on host:port: }, in lower case like the rest of the line. */
    static String reason(Throwable failure) {
        Throwable shown = failure;
        while ((shown instanceof ExecutionException || shown instanceof CompletionException) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        if (shown instanceof UnknownHostException) {
            return "not an IP address or a known host name";
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            return shown.getClass().getSimpleName();
        }
        String text = sentenceStartLowered(NATIVE_PREFIX.matcher(message.strip()).replaceFirst(""));
        // The OS's words for a host that parses but is no address of this machine are cryptic.
        return text.equals(NOT_LOCAL) ? NOT_LOCAL + " (the host is not an address of this machine)" : text;
    }

    /** "Address already in use" becomes "address already in use"; a name such as "IOException" stays. */
    private static String sentenceStartLowered(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}
