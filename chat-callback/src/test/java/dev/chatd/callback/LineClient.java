package dev.chatd.callback;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A blocking test client on a real socket: sends lines, reads CRLF lines, every read bounded by a timeout. */
final class LineClient implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 15_000; // generous: CI machines are shared, and a missing line still fails

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static LineClient connect(InetSocketAddress server) throws IOException {
        return connect(server, 0);
    }

    /** @param receiveBuffer SO_RCVBUF to ask for before connecting, or 0 for the default */
    static LineClient connect(InetSocketAddress server, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(server, READ_TIMEOUT_MILLIS);
        return new LineClient(socket);
    }

    /** Connects, reads the welcome and the prompt, logs in and reads the join and users lines. */
    static LineClient login(InetSocketAddress server, String name) throws IOException {
        LineClient client = connect(server);
        client.expectLine("Welcome to chatd");
        client.expectPrompt();
        client.send(name);
        client.expectLine("* " + name + " joined #lobby");
        String users = client.readLine();
        if (!users.startsWith("* users in #lobby: ")) {
            throw new AssertionError("expected the users line, got: " + users);
        }
        return client;
    }

    void send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Half-closes: the server sees EOF, and this client can still read. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The next line, without its CRLF. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("EOF after: " + line.toString(StandardCharsets.UTF_8));
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    void expectLine(String expected) throws IOException {
        String line = readLine();
        if (!line.equals(expected)) {
            throw new AssertionError("expected <" + expected + "> but got <" + line + ">");
        }
    }

    /** Reads lines until one equals {@code expected}; fails on EOF or timeout. */
    void skipUntil(String expected) throws IOException {
        while (!readLine().equals(expected)) {
            // not yet
        }
    }

    void expectPrompt() throws IOException {
        byte[] prompt = in.readNBytes("Username: ".length());
        String text = new String(prompt, StandardCharsets.UTF_8);
        if (!text.equals("Username: ")) {
            throw new AssertionError("expected the prompt, got <" + text + ">");
        }
    }

    /** True when the server has closed: the next read is EOF (or a reset, after it dropped unread output). */
    boolean atEof() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
