package dev.chatd.web.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** One file of the page, read from the jar once: its bytes and its {@code Content-Type}. */
record PageFile(String name, ByteBuf content, String contentType) {

    static PageFile of(String name, byte[] bytes) {
        // Unreleasable: shared by every response, each of which writes a duplicate.
        return new PageFile(name, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes)), contentTypeOf(name));
    }

    private static String contentTypeOf(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            default -> throw new IllegalArgumentException("no content type for " + name);
        };
    }
}
