package dev.chatd.callback;

import dev.chatd.common.server.ServerMain;

/**
 * {@code java -jar chat-callback.jar [options]}: parses the command line and environment, runs a
 * {@link CallbackServer} until SIGTERM or Ctrl-C, then shuts it down gracefully and exits 0.
 */
public final class CallbackServerMain {

    private CallbackServerMain() {
    }

    public static void main(String[] args) {
        ServerMain.runAndExit("chat-callback", args, CallbackServer::start);
    }
}
