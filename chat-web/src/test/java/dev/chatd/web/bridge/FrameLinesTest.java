package dev.chatd.web.bridge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameLinesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "one line        | hi              | hi\\r\\n",
        "empty message   | ''              | \\r\\n",
        "trailing LF     | hi\\n           | hi\\r\\n",
        "trailing CRLF   | hi\\r\\n        | hi\\r\\n",
        "LF              | a\\nb           | a\\r\\nb\\r\\n",
        "CRLF            | a\\r\\nb        | a\\r\\nb\\r\\n",
        "lone CR         | a\\rb           | a\\r\\nb\\r\\n",
        "LF CR is two    | a\\n\\rb        | a\\r\\n\\r\\nb\\r\\n",
        "blank lines     | a\\n\\nb        | a\\r\\n\\r\\nb\\r\\n",
        "just a break    | \\n             | \\r\\n",
        "not ASCII       | Straße\\n李    | Straße\\r\\n李\\r\\n",
    })
    void eachBreakEndsALineAndEveryLineEndsInCrLf(String name, String text, String lines) {
        ByteBuf in = Unpooled.copiedBuffer(unescape(text), UTF_8);
        ByteBuf out = FrameLines.toLines(in, ByteBufAllocator.DEFAULT);
        try {
            assertEquals(unescape(lines), out.toString(UTF_8));
            assertEquals(0, in.readerIndex(), "the frame's text is not consumed");
        } finally {
            out.release();
            in.release();
        }
    }

    private static String unescape(String s) {
        return s.strip().replace("\\r", "\r").replace("\\n", "\n");
    }
}
