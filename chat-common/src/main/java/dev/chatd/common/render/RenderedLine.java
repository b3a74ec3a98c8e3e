package dev.chatd.common.render;

/**
 * One line rendered at most once per format, so a broadcast to a thousand members encodes it
 * once or twice, not a thousand times, and every member gets the very same bytes.
 */
public final class RenderedLine {

    private final ServerLine line;
    private final Renderer renderer;
    private final byte[] text;
    // Racy on purpose: two threads may both render the JSON, but they produce equal bytes and
    // the second write is harmless; a lock here would cost more than the rare double render.
    private volatile byte[] json;

    public RenderedLine(ServerLine line, Renderer renderer) {
        this.line = line;
        this.renderer = renderer;
        this.text = renderer.render(line, OutputFormat.TEXT);
    }

    public ServerLine line() {
        return line;
    }

    /** The bytes for a user reading in {@code format}. Callers must not modify them. */
    public byte[] bytes(OutputFormat format) {
        if (format == OutputFormat.TEXT) return text;
        byte[] j = json;
        if (j == null) {
            j = renderer.render(line, OutputFormat.JSON);
            json = j;
        }
        return j;
    }
}
