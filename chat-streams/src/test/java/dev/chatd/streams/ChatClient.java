package dev.chatd.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A netcat-like test user: a blocking socket that writes lines and reads CRLF lines back. */
final class ChatClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private ChatClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static ChatClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** @param receiveBuffer a small receive buffer makes this client slow to take output; 0 = default */
    static ChatClient connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        return new ChatClient(socket);
    }

    /** Connects and logs in as {@code name}, checking the greeting and the join lines. */
    static ChatClient login(int port, String name) throws IOException {
        ChatClient client = connect(port);
        assertEquals("Welcome to chatd", client.readLine());
        client.expectPrompt();
        client.send(name);
        assertEquals("* " + name + " joined #lobby", client.readLine());
        String users = client.readLine();
        if (!users.startsWith("* users in #lobby: ")) {
            throw new AssertionError("expected the users line, got " + users);
        }
        return client;
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next CRLF-terminated line, without the CRLF. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("EOF; partial line: " + line.toString(UTF_8));
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    /** Reads lines until one equals {@code wanted}. */
    void readUntil(String wanted) throws IOException {
        while (!readLine().equals(wanted)) {
            // skip
        }
    }

    /** The {@code Username: } prompt, which has no line end. */
    void expectPrompt() throws IOException {
        byte[] prompt = in.readNBytes("Username: ".length());
        assertEquals("Username: ", new String(prompt, UTF_8));
    }

    /** What arrives until the server closes the connection (EOF or reset); "" when nothing does. */
    String restUntilClosed() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                rest.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("not closed within 10 s; got " + rest.toString(UTF_8));
        } catch (IOException reset) {
            // closed with a reset: closed all the same
        }
        return rest.toString(UTF_8);
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
