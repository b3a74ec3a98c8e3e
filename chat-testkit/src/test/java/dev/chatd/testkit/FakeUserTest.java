package dev.chatd.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The fake user against a hand-scripted peer, so that its own mistakes never blame a server. */
class FakeUserTest {

    private ServerSocket listener;
    private FakeUser user;
    private Socket peer;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeAll() throws IOException {
        if (user != null) {
            user.close();
        }
        if (peer != null) {
            peer.close();
        }
        listener.close();
    }

    private void connect(int receiveBuffer) throws IOException {
        user = FakeUser.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                "tester", receiveBuffer);
        peer = listener.accept();
    }

    private void write(String text) throws IOException {
        OutputStream out = peer.getOutputStream();
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    private String readLine() throws IOException {
        InputStream in = peer.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("EOF in a line");
            }
            line.write(b);
        }
        String text = line.toString(UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Test
    void logsInThroughThePrompt() throws IOException {
        connect(0);
        write("Welcome to t\r\nUsername: ");
        CompletableFuture<String> name = CompletableFuture.supplyAsync(() -> {
            try {
                String typed = readLine();
                write("* " + typed + " joined #lobby\r\n* users in #lobby: " + typed + "\r\n");
                return typed;
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertEquals("* users in #lobby: alice", user.login("alice"));
        assertEquals("alice", name.join());
        user.awaitText("Welcome to t\r\nUsername: * alice joined #lobby\r\n* users in #lobby: alice\r\n");
        assertEquals("alice", user.label());
    }

    @Test
    void readsInStrictOrderOrSkipsAhead() throws IOException {
        connect(0);
        write("one\r\ntwo\r\nthree\r\nfour\r\n");
        assertEquals("one", user.nextLine());
        assertEquals("three", user.awaitLine("three"));
        user.expectNext("four");
        assertEquals(List.of("one", "two", "three", "four"), user.lines());
    }

    @Test
    void failureShowsWhatWasReceived() throws IOException {
        connect(0);
        write("\u001b[31mhello\r\n");
        AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> user.expectNext("goodbye"));
        assertTrue(error.getMessage().contains("\\e[31mhello"), error.getMessage());
        assertTrue(error.getMessage().contains("tester"), error.getMessage());
    }

    @Test
    void givesUpAtOnceWhenTheConnectionEnds() throws IOException {
        connect(0);
        write("last\r\n");
        peer.close();
        long start = System.nanoTime();
        AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> user.awaitLine("never"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(FakeUser.TIMEOUT) < 0);
        assertTrue(error.getMessage().contains("ended (EOF)"), error.getMessage());
        user.expectNext("last");
        user.expectClosed();
    }

    @Test
    void halfCloseLetsThePeerSeeEofAndStillAnswer() throws IOException {
        connect(0);
        user.send("/who");
        user.shutdownOutput();
        assertEquals("/who", readLine());
        assertEquals(-1, peer.getInputStream().read());
        write("answer\r\n");
        peer.close();
        user.expectNext("answer");
        user.expectClosed();
        assertEquals("EOF", user.closedBy());
    }

    @Test
    void abortResetsTheConnection() throws IOException {
        connect(0);
        user.send("x");
        assertEquals("x", readLine());
        user.abort();
        assertThrows(SocketException.class, () -> {
            // the reset may need a write to be noticed
            for (int i = 0; i < 100; i++) {
                if (peer.getInputStream().read() < 0) {
                    throw new AssertionError("EOF instead of a reset");
                }
            }
        });
    }

    @Test
    void sendsBytesExactlyAndOneAtATime() throws IOException {
        connect(0);
        user.sendOneByteAtATime("caf\u00E9\r\n".getBytes(UTF_8));
        user.sendRaw(new byte[] {'a', (byte) 0xFF, 'b', '\n'});
        assertEquals("caf\u00E9", readLine());
        byte[] raw = peer.getInputStream().readNBytes(4);
        assertEquals(List.of((byte) 'a', (byte) 0xFF, (byte) 'b', (byte) '\n'),
                List.of(raw[0], raw[1], raw[2], raw[3]));
    }

    @Test
    void pausedReaderLetsTheKernelBuffersFill() throws Exception {
        connect(4096);
        peer.setSendBufferSize(8192); // fixed, so the sending kernel cannot absorb the 2 MB itself
        write("first\r\n");
        user.expectNext("first");
        user.pauseReading();
        byte[] big = ("y".repeat(998) + "\r\n").repeat(2000).getBytes(UTF_8); // 2 MB
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                write(new String(big, UTF_8));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        // The read that was already waiting may still complete; after it, nothing more arrives.
        int first = "first\r\n".length();
        org.awaitility.Awaitility.await().atMost(FakeUser.TIMEOUT).until(() -> user.rawBytes().length > first);
        user.expectSilenceFor(Duration.ofMillis(300));
        assertFalse(writing.isDone(), "the peer could write 2 MB to a paused reader");
        user.resumeReading();
        writing.get();
        assertEquals(2000, user.nextLines(2000).size());
    }
}
