package dev.chatd.callback;

import dev.chatd.common.config.TransportChoice;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Optional;

/**
 * The socket layer under the pipeline: Linux's io_uring or epoll through Netty's native
 * transports, or the JDK's NIO, which runs everywhere. The pipeline above is the same on each.
 */
enum Transport {
    IO_URING {
        @Override
        IoHandlerFactory ioHandlers() {
            return IoUringIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return IoUringServerSocketChannel.class;
        }

        @Override
        Optional<Throwable> unavailability() {
            return IoUring.isAvailable() ? Optional.empty() : Optional.of(IoUring.unavailabilityCause());
        }
    },
    EPOLL {
        @Override
        IoHandlerFactory ioHandlers() {
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return EpollServerSocketChannel.class;
        }

        @Override
        Optional<Throwable> unavailability() {
            return Epoll.isAvailable() ? Optional.empty() : Optional.of(Epoll.unavailabilityCause());
        }
    },
    NIO {
        @Override
        IoHandlerFactory ioHandlers() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannel() {
            return NioServerSocketChannel.class;
        }

        @Override
        Optional<Throwable> unavailability() {
            return Optional.empty();
        }
    };

    abstract IoHandlerFactory ioHandlers();

    abstract Class<? extends ServerChannel> serverChannel();

    /** Why this machine cannot run this transport (no native library, a kernel without it); empty when it can. */
    abstract Optional<Throwable> unavailability();

    boolean isAvailable() {
        return unavailability().isEmpty();
    }

    /** The name the flag and the log use: {@code io_uring}, {@code epoll}, {@code nio}. */
    String flagValue() {
        return TransportChoice.valueOf(name()).flagValue();
    }

    /**
     * What {@code --transport auto} runs: epoll where it loads, else NIO. Not io_uring, though it
     * loads on Linux: measured against epoll (README, "Transports") it has the shorter tail at
     * thousands of users, but a third more CPU per delivery at full speed and over twice the
     * resident memory per idle connection, past what issue 12 allows.
     */
    static Transport best() {
        return EPOLL.isAvailable() ? EPOLL : NIO;
    }

    /**
     * The transport an operator asked for. An explicit choice this machine cannot run is an
     * error, not a silent fallback: whoever asks for io_uring is measuring io_uring.
     *
     * @throws UnavailableTransportException when the chosen transport does not load here
     */
    static Transport chosen(TransportChoice choice) {
        if (choice == TransportChoice.AUTO) {
            return best();
        }
        Transport transport = valueOf(choice.name());
        transport.unavailability().ifPresent(cause -> {
            throw new UnavailableTransportException(transport, cause);
        });
        return transport;
    }

    /** A {@code --transport} this machine cannot run; its message is the start failure the operator reads. */
    static final class UnavailableTransportException extends IllegalStateException {
        UnavailableTransportException(Transport transport, Throwable cause) {
            super("the " + transport.flagValue() + " transport is not available here (" + reason(cause)
                    + "); --transport auto picks one that is", cause);
        }

        /** Netty's words, in lower case like the rest of the line: "native transport was ...". */
        private static String reason(Throwable cause) {
            String text = cause.getMessage();
            if (text == null || text.isBlank()) return cause.getClass().getSimpleName();
            boolean sentence = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                    && Character.isLowerCase(text.charAt(1)); // not a name such as "IOException"
            return sentence ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
        }
    }
}
