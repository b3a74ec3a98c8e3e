package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line end to end, against a small fake server in this JVM. */
@Timeout(60)
class LoadGeneratorTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LoadGenerator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonNode json() {
        return JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fanoutDeliversEveryMessageToEveryUser(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("result.json");
        try (FakeChatServer server = new FakeChatServer(0)) {
            int code = run("fanout", "--port", "" + server.port(), "--users", "40", "--senders", "3",
                    "--messages", "25", "--size", "80", "--timeout", "30", "--out", file.toString());
            assertEquals(0, code, errText());
        }
        JsonNode result = json();
        assertTrue(result.get("ok").asBoolean());
        assertEquals(40, result.get("login").get("loggedIn").asInt());
        assertEquals(40 * 41 / 2, result.get("login").get("joinLines").asLong());
        JsonNode delivery = result.get("delivery");
        assertEquals(75, delivery.get("sent").asLong());
        assertEquals(75 * 40, delivery.get("expected").asLong());
        assertEquals(75 * 40, delivery.get("delivered").asLong());
        assertEquals(0, delivery.get("lost").asLong());
        assertEquals(0, delivery.get("outOfOrder").asLong());
        assertTrue(delivery.get("perSecond").asDouble() > 0);
        assertEquals(75 * 40, result.get("latency").get("count").asLong());
        assertTrue(result.get("latency").get("p99Ms").asDouble() >= result.get("latency").get("p50Ms").asDouble());
        assertTrue(result.get("generatorCpu").get("coresUsed").asDouble() >= 0);
        assertEquals(json(), JsonMapper.builder().build().readTree(Files.readString(file)));
    }

    @Test
    void ratedFanoutForADurationWithWarmupOnTwoLoops() {
        try (FakeChatServer server = new FakeChatServer(0)) {
            int code = run("fanout", "--port", "" + server.port(), "--users", "10", "--senders", "2",
                    "--duration", "1", "--rate", "50", "--warmup", "--threads", "2", "--timeout", "30");
            assertEquals(0, code, errText());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        JsonNode delivery = json().get("delivery");
        // Two senders at 50/s for a second: about 100 messages, however the ticks fall.
        long sent = delivery.get("sent").asLong();
        assertTrue(sent >= 80 && sent <= 110, "sent " + sent);
        assertEquals(sent * 10, delivery.get("delivered").asLong());
        assertEquals(0, delivery.get("lost").asLong());
    }

    @Test
    void lostLinesMakeTheRunFail() throws Exception {
        try (FakeChatServer server = new FakeChatServer(7)) {
            int code = run("fanout", "--port", "" + server.port(), "--users", "5", "--senders", "2",
                    "--messages", "30", "--drain-timeout", "0.5", "--timeout", "30");
            assertEquals(LoadGenerator.NOT_CLEAN, code);
        }
        JsonNode result = json();
        assertFalse(result.get("ok").asBoolean());
        // 60 messages, every 7th not sent to the first user: 8 of them.
        assertEquals(8, result.get("delivery").get("lost").asLong());
        assertTrue(result.get("error").asString().contains("8 lost"), result.get("error").asString());
    }

    @Test
    void idleReportsLoginsAndServerMemory() throws Exception {
        long pid = ProcessHandle.current().pid(); // the fake server runs in this JVM
        try (FakeChatServer server = new FakeChatServer(0)) {
            int code = run("idle", "--port", "" + server.port(), "--users", "30", "--server-pid", "" + pid,
                    "--timeout", "60");
            assertEquals(0, code, errText());
        }
        JsonNode result = json();
        assertEquals(30, result.get("login").get("loggedIn").asInt());
        assertTrue(result.get("login").get("perSecond").asDouble() > 0);
        JsonNode memory = result.get("serverMemory");
        assertTrue(memory.get("rssAfterLoginBytes").asLong() > 0);
        assertTrue(memory.get("liveHeapAfterLoginBytes").asLong() > 0, memory.toString());
        assertTrue(memory.has("liveHeapBytesPerUser"));
    }

    @Test
    void connectStormCountsEveryConnection() throws Exception {
        try (FakeChatServer server = new FakeChatServer(0)) {
            int code = run("idle", "--port", "" + server.port(), "--users", "40", "--connect-rate", "200",
                    "--timeout", "60");
            assertEquals(0, code, errText());
        }
        JsonNode storm = json().get("storm");
        assertEquals(200, storm.get("connectRate").asInt());
        assertEquals(40, storm.get("opened").asInt());
        assertEquals(40, storm.get("loggedIn").asInt());
        for (String none : new String[] {"connectErrors", "resets", "closed", "refused", "pending"}) {
            assertEquals(0, storm.get(none).asInt(), none);
        }
        assertEquals(40, json().get("login").get("loggedIn").asInt());
    }

    @Test
    void aStormAtAServerThatNeverWelcomesCountsThemWaiting() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int code = run("idle", "--port", "" + silent.getLocalPort(), "--users", "5", "--connect-rate", "100",
                    "--timeout", "1");
            assertEquals(LoadGenerator.NOT_CLEAN, code);
        }
        JsonNode storm = json().get("storm");
        assertEquals(5, storm.get("opened").asInt());
        assertEquals(0, storm.get("loggedIn").asInt());
        assertEquals(5, storm.get("pending").asInt());
        assertTrue(json().get("error").asString().startsWith("connect storm at 100/s: 0 of 5 logged in"),
                json().get("error").asString());
    }

    @Test
    void aStormAtAClosedPortCountsConnectErrorsAndGoesOn() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int code = run("idle", "--port", "" + port, "--users", "4", "--connect-rate", "100", "--timeout", "10");
        assertEquals(LoadGenerator.NOT_CLEAN, code, "counted, not a setup error: " + errText());
        JsonNode storm = json().get("storm");
        assertEquals(4, storm.get("connectErrors").asInt());
        assertTrue(storm.get("firstFailure").asString().contains("Connection refused"), storm.toString());
    }

    @Test
    void refusedConnectionIsASetupError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there now
        }
        int code = run("fanout", "--port", "" + port, "--users", "3", "--senders", "1", "--messages", "1",
                "--timeout", "10");
        assertEquals(LoadGenerator.SETUP_ERROR, code);
        assertTrue(errText().contains("cannot connect to 127.0.0.1:" + port + ": Connection refused"), errText());
    }

    @Test
    void aServerThatNeverPromptsTimesOutWithAPartialResult() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // The kernel completes the connections; nobody ever answers them.
            int code = run("fanout", "--port", "" + silent.getLocalPort(), "--users", "3", "--senders", "1",
                    "--messages", "1", "--timeout", "1");
            assertEquals(LoadGenerator.NOT_CLEAN, code);
        }
        JsonNode result = json();
        assertTrue(result.get("timedOut").asBoolean());
        assertFalse(result.get("ok").asBoolean());
        assertEquals(0, result.get("login").get("loggedIn").asInt());
        assertTrue(result.get("error").asString().startsWith("timed out during login"), result.get("error").asString());
    }

    @Test
    void remoteTargetIsRefusedBeforeConnecting() {
        int code = run("idle", "--host", "192.0.2.1", "--users", "1");
        assertEquals(LoadGenerator.SETUP_ERROR, code);
        assertTrue(errText().contains("only loopback targets"), errText());
    }

    @Test
    void badFlagsAreSetupErrors() {
        assertEquals(LoadGenerator.SETUP_ERROR, run("fanout", "--users", "3", "--senders", "1"));
        assertTrue(errText().contains("exactly one of --messages"), errText());
        assertEquals(LoadGenerator.SETUP_ERROR, run("idle", "--users", "3", "--colour", "red"));
        assertTrue(errText().contains("unknown option: --colour"), errText());
        assertEquals(LoadGenerator.SETUP_ERROR, run("stampede"));
        assertEquals(LoadGenerator.SETUP_ERROR, run());
    }
}
