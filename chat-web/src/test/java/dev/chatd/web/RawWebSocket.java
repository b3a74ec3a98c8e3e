package dev.chatd.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket written by hand on a plain socket, for what a polite client cannot do: stop reading
 * (with a tiny receive window, so the gateway has to hold the output), or send a message in
 * several frames. Sends masked frames as RFC 6455 requires of a client; reads raw bytes only.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final int FIN = 0x80;
    private static final int MASKED = 0x80;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects with a receive buffer of {@code receiveBufferBytes} (0: the system's) and completes the handshake. */
    public static RawWebSocket open(URI uri, String origin, int receiveBufferBytes) {
        try {
            Socket socket = new Socket();
            // Before connecting: it fixes the window the gateway may fill.
            if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
            socket.setSoTimeout((int) WsClient.TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) WsClient.TIMEOUT.toMillis());
            RawWebSocket ws = new RawWebSocket(socket);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            ws.out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\nOrigin: " + origin + "\r\n\r\n").getBytes(ISO_8859_1));
            ws.out.flush();
            String response = ws.readHeaders();
            if (!response.startsWith("HTTP/1.1 101")) throw new IllegalStateException("handshake refused: " + response);
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code text} as one text message in one frame. */
    public void sendText(String text) {
        sendFrame(0x1, true, text.getBytes(UTF_8));
    }

    /** Sends one frame: opcode 1 text, 0 continuation, 2 binary. */
    public void sendFrame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? FIN : 0) | opcode);
        if (payload.length < 126) {
            frame.write(MASKED | payload.length);
        } else if (payload.length < 65536) {
            frame.write(MASKED | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(MASKED | 127);
            for (int shift = 56; shift >= 0; shift -= 8) frame.write((int) ((long) payload.length >> shift) & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until the connection ends and returns true, or false if it is still open after the
     * socket timeout; what is read is thrown away.
     */
    public boolean drainUntilClosed() {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // keep reading: the end is what is awaited
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset is an end too
        }
    }

    /**
     * Reads frames until the gateway's close frame and returns its status code (-1 if the
     * connection ended without one). Server frames are unmasked.
     */
    public int readCloseCode() {
        try {
            while (true) {
                int first = in.read();
                int second = in.read();
                if (first < 0 || second < 0) return -1;
                long length = second & 0x7f;
                if (length == 126) length = (in.read() << 8) | in.read();
                else if (length == 127) for (int i = 0; i < 8; i++) length = (length << 8) | in.read();
                byte[] payload = in.readNBytes((int) length);
                if ((first & 0x0f) == 0x8) return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** A close frame the gateway sent. */
    public record Close(int code, String reason) {
    }

    /** How the TCP connection ended: an orderly FIN, a reset, or not within the socket timeout. */
    public enum End { EOF, RESET, STILL_OPEN }

    /** The close frames the gateway sent, in order, and how the connection ended after them. */
    public record Ending(List<Close> closes, End end) {
    }

    /**
     * Reads every frame until the connection ends, as a browser does: the first close frame is
     * answered with one of its own (echoing its code), and reading goes on until the gateway ends
     * TCP. Frames other than close frames are thrown away.
     */
    public Ending readUntilEnd() {
        List<Close> closes = new ArrayList<>();
        try {
            while (true) {
                int first = in.read();
                if (first < 0) return new Ending(closes, End.EOF);
                int second = in.read();
                if (second < 0) return new Ending(closes, End.EOF);
                long length = second & 0x7f;
                if (length == 126) length = (in.read() << 8) | in.read();
                else if (length == 127) for (int i = 0; i < 8; i++) length = (length << 8) | in.read();
                byte[] payload = in.readNBytes((int) length);
                if (payload.length < length) return new Ending(closes, End.EOF);
                if ((first & 0x0f) != 0x8) continue;
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
                closes.add(new Close(code, payload.length > 2 ? new String(payload, 2, payload.length - 2, UTF_8) : ""));
                if (closes.size() == 1) {
                    sendFrame(0x8, true, code < 0 ? new byte[0] : new byte[] {(byte) (code >> 8), (byte) code});
                }
            }
        } catch (SocketTimeoutException e) {
            return new Ending(closes, End.STILL_OPEN);
        } catch (IOException | UncheckedIOException e) {
            return new Ending(closes, End.RESET); // "Connection reset", or the close answer refused by one
        }
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            headers.append((char) b);
        }
        return headers.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
