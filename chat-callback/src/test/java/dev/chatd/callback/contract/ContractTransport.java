package dev.chatd.callback.contract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.TransportChoice;
import dev.chatd.common.server.ChatServerFactory;
import io.netty.channel.uring.IoUring;
import java.util.Locale;

/**
 * The callback server the contract classes run: on the transport {@code --transport auto} picks,
 * or on the one the {@value #PROPERTY} system property names. The module's pom runs this package
 * a second time with it set to {@code io_uring}, so that the whole contract holds on each
 * transport an operator can choose, not only on the default.
 */
final class ContractTransport {

    static final String PROPERTY = "chatd.test.transport";

    private ContractTransport() {
    }

    /** A factory that starts the callback server on this run's transport. */
    static ChatServerFactory callbackServer() {
        TransportChoice choice = TransportChoice.valueOf(
                System.getProperty(PROPERTY, "auto").toUpperCase(Locale.ROOT));
        if (choice == TransportChoice.IO_URING) {
            // A kernel (or a container's seccomp profile) without io_uring: nothing to test there.
            assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        }
        return config -> CallbackServer.start(config.withTransport(choice));
    }
}
