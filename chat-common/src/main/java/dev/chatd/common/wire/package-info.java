/**
 * The input side of the wire protocol (docs/protocol.md, "Bytes and lines"), written once for both servers.
 *
 * <p>Socket bytes pass through three independent stages, each usable alone (the Netty pipeline gives each
 * its own handler) or all together through {@link dev.chatd.common.wire.InputDecoder} (the streams server's
 * line reader):
 * <ol>
 *   <li>{@link dev.chatd.common.wire.TelnetFilter} strips telnet negotiation;</li>
 *   <li>{@link dev.chatd.common.wire.LineFramer} cuts the rest into lines, enforcing the line limit;</li>
 *   <li>{@link dev.chatd.common.wire.Utf8} turns each line into text, replacing invalid UTF-8.</li>
 * </ol>
 * Everything here works on plain {@code byte[]}: no transport types, so both servers share it unchanged.
 */
package dev.chatd.common.wire;
