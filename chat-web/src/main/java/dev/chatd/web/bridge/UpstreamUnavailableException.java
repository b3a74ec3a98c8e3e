package dev.chatd.web.bridge;

import dev.chatd.web.config.Upstream;
import java.io.IOException;

/** No upstream accepted the connection; the message names the last one tried and why, for the log. */
final class UpstreamUnavailableException extends IOException {

    UpstreamUnavailableException(Upstream upstream, Throwable cause) {
        super(upstream + ": " + reason(cause), cause);
    }

    private static String reason(Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        if (message == null) return cause == null ? "unknown" : cause.getClass().getSimpleName();
        // Netty's native transport puts the system call first: "connect(..) failed: Connection refused".
        int failed = message.lastIndexOf("failed: ");
        return failed >= 0 ? message.substring(failed + "failed: ".length()) : message;
    }
}
