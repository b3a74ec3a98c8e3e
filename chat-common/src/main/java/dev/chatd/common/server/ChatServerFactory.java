package dev.chatd.common.server;

import dev.chatd.common.config.ChatConfig;
import java.io.IOException;

/** Starts one kind of server; each transport module provides one, and so does each test of it. */
@FunctionalInterface
public interface ChatServerFactory {

    /** Binds, starts serving and returns once the chat port accepts connections. */
    ChatServer start(ChatConfig config) throws IOException;
}
