package dev.chatd.web;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.web.config.Upstream;
import dev.chatd.web.config.WebConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real chat server (the callback one, in this JVM, on a free port) with a real gateway in front
 * of it, and the telnet users a test opens; closing closes them all, users first. The server can
 * be stopped and started again on the same port, as an operator restarting it would.
 */
public final class ChatAndGateway implements AutoCloseable {

    private final ChatConfig chatConfig;
    private final List<FakeUser> telnetUsers = new ArrayList<>();
    private ChatServer server;
    private final int chatPort;
    private final WebGateway gateway;

    private ChatAndGateway(ChatConfig chatConfig, UnaryOperator<WebConfig> webSettings) throws IOException {
        this.chatConfig = chatConfig;
        this.server = CallbackServer.start(chatConfig);
        this.chatPort = server.port();
        this.gateway = WebGateway.start(webSettings.apply(WebConfig.forTests(new Upstream("127.0.0.1", chatPort))));
    }

    /** The server with its test defaults, the gateway with its own. */
    public static ChatAndGateway start() {
        return start(ChatConfig.forTests(), UnaryOperator.identity());
    }

    /** The server with {@code chatConfig}, the gateway with its test defaults changed by {@code webSettings}. */
    public static ChatAndGateway start(ChatConfig chatConfig, UnaryOperator<WebConfig> webSettings) {
        try {
            return new ChatAndGateway(chatConfig, webSettings);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server and the gateway", e);
        }
    }

    public WebGateway gateway() {
        return gateway;
    }

    public ChatServer server() {
        return server;
    }

    /** The page, e.g. {@code http://127.0.0.1:41234/}. */
    public String pageUrl() {
        return gateway.url();
    }

    /** The WebSocket, e.g. {@code ws://127.0.0.1:41234/ws}. */
    public URI websocketUri() {
        return URI.create(pageUrl().replaceFirst("^http", "ws") + "ws");
    }

    /** The page's own origin, as a browser sends it. */
    public String origin() {
        return pageUrl().substring(0, pageUrl().length() - 1);
    }

    /** A telnet user, logged in as {@code name}. */
    public FakeUser telnet(String name) {
        FakeUser user = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), chatPort), name);
        telnetUsers.add(user);
        user.login(name);
        return user;
    }

    /** Stops the chat server as SIGTERM would; the gateway stays up. */
    public void stopServer() {
        server.close();
    }

    /** Starts a new chat server on the same port: everyone's rooms are new. */
    public void startServerAgain() {
        try {
            server = CallbackServer.start(chatConfig.withPort(chatPort));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server again on port " + chatPort, e);
        }
    }

    @Override
    public void close() {
        for (FakeUser user : telnetUsers) user.close();
        gateway.close();
        server.close();
    }
}
