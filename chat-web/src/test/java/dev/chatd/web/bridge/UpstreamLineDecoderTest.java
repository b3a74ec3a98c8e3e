package dev.chatd.web.bridge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamLineDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new UpstreamLineDecoder(64));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private List<String> feed(String... reads) {
        for (String read : reads) channel.writeInbound(Unpooled.copiedBuffer(read, UTF_8));
        List<String> out = new ArrayList<>();
        for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
            out.add(frame.toString(UTF_8));
            frame.release();
        }
        return out;
    }

    @Test
    void linesLoseTheirCrLf() {
        assertEquals(List.of("Welcome to chatd", "* alice joined #lobby", ""), feed("Welcome to chatd\r\n* alice joined #lobby\r\n\r\n"));
    }

    @Test
    void theWelcomeAndThePromptAreTwoFrames() {
        assertEquals(List.of("Welcome to chatd", "Username: "), feed("Welcome to chatd\r\nUsername: "));
    }

    @Test
    void aPromptSplitOverReadsIsOneFrameOnceWhole() {
        assertEquals(List.of(), feed("Usern"));
        assertEquals(List.of("Username: "), feed("ame: "));
    }

    @Test
    void aLineSplitOverReadsIsOneFrame() {
        assertEquals(List.of(), feed("alice: hel"));
        assertEquals(List.of(), feed("lo\r"));
        assertEquals(List.of("alice: hello"), feed("\n"));
        assertEquals(List.of("bob: hi"), feed("bob: hi\r\n"));
    }

    @Test
    void aLineThatStartsLikeThePromptWaitsForItsEnd() {
        assertEquals(List.of("Username: hi"), feed("Username: hi\r\n"));
        assertEquals(List.of(), feed("Username: x"));
    }

    @Test
    void aLineOverTheBoundEndsTheConnection() {
        assertThrows(TooLongFrameException.class, () -> {
            feed("x".repeat(65));
            channel.checkException();
        });
    }

    @Test
    void whatIsLeftAtTheEndIsDropped() {
        feed("half a line");
        assertFalse(channel.finish());
        assertNull(channel.readInbound());
    }
}
