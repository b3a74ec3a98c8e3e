package dev.chatd.common.server;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.room.ChatHub;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** A server that only remembers its config, counts how often it was closed and runs a hook then; no network. */
final class FakeChatServer implements ChatServer {

    private final ChatConfig config;
    private final Runnable onClose;
    private final AtomicInteger closes = new AtomicInteger();
    private final ChatHub hub;

    FakeChatServer(ChatConfig config) {
        this(config, () -> { });
    }

    FakeChatServer(ChatConfig config, Runnable onClose) {
        this.config = config;
        this.onClose = onClose;
        this.hub = new ChatHub(config);
    }

    @Override
    public ChatHub hub() {
        return hub;
    }

    ChatConfig config() {
        return config;
    }

    int closeCount() {
        return closes.get();
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(config.host(), config.port());
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        onClose.run();
    }
}
