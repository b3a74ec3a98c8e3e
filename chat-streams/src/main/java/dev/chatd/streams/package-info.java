/**
 * The chat server in stream style, on JDK NIO.2 ({@code AsynchronousSocketChannel}) and
 * {@code CompletableFuture}, modelled on asyncio's streams.
 *
 * <p>{@link dev.chatd.streams.LineReader} turns a socket into {@code readLine()} calls,
 * {@link dev.chatd.streams.LineWriter} into {@code write()} / {@code drain()} / {@code close()},
 * and {@link dev.chatd.streams.ChatSession} writes a connection's whole life as one chain of those
 * calls, looping with {@link dev.chatd.streams.Loops}. All protocol behaviour comes from
 * {@code chat-common}; this package is only transport and style.
 */
package dev.chatd.streams;
