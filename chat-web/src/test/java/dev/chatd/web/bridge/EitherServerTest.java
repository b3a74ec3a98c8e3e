package dev.chatd.web.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.server.ChatServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.FakeUser;
import dev.chatd.web.WebGateway;
import dev.chatd.web.WsClient;
import dev.chatd.web.config.Upstream;
import dev.chatd.web.config.WebConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway in front of either server: the same frames, and a browser and a telnet user chatting. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EitherServerTest {

    static Stream<Arguments> servers() {
        Map<String, ChatServerFactory> factories = Map.of("callback", CallbackServer::start, "streams", StreamsServer::start);
        return factories.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aBrowserAndATelnetUserChat(String name, ChatServerFactory factory) throws Exception {
        try (ChatServer server = factory.start(ChatConfig.forTests());
             WebGateway gateway = WebGateway.start(WebConfig.forTests(new Upstream("127.0.0.1", server.port())));
             FakeUser bob = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), "bob");
             WsClient alice = WsClient.open(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws"), null)) {
            assertEquals("Welcome to chatd", alice.next());
            assertEquals("Username: ", alice.next());
            alice.send("alice");
            assertEquals("* alice joined #lobby", alice.next());
            bob.login("bob");
            alice.await("* bob joined #lobby");
            bob.send("hi from " + name);
            alice.await("bob: hi from " + name);
            alice.send("/me waves\nbye");
            bob.awaitLine("* alice waves");
            bob.awaitLine("alice: bye");
        }
    }
}
