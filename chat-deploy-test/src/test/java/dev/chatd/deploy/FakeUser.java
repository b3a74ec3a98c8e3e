package dev.chatd.deploy;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A user on a plain socket, as nc would be: sends lines, and reads until it sees what it expects. */
final class FakeUser implements Closeable {

    private static final int READ_TIMEOUT_MS = 15_000;

    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder received = new StringBuilder();
    private int seen; // how much of received earlier waits have consumed

    FakeUser(int port) throws IOException {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Answers the name prompt and waits until the server has put the user in #lobby. */
    FakeUser login(String name) throws IOException {
        awaitText("Username: ");
        send(name);
        awaitText("* users in #lobby: ");
        awaitText("\r\n");
        return this;
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until {@code text} arrives after what earlier waits consumed; fails on EOF or timeout. */
    void awaitText(String text) throws IOException {
        while (received.indexOf(text, seen) < 0) {
            if (!readSome()) throw new IOException("connection closed before " + quoted(text) + "; got " + quoted(received));
        }
        seen = received.indexOf(text, seen) + text.length();
    }

    /** Reads until the server closes the connection; returns everything received. */
    String awaitClose() throws IOException {
        while (readSome()) {
            // keep reading
        }
        return received.toString();
    }

    private boolean readSome() throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        if (n < 0) return false;
        received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        return true;
    }

    private static String quoted(CharSequence s) {
        return '"' + s.toString().replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
