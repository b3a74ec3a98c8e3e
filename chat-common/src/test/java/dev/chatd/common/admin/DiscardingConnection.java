package dev.chatd.common.admin;

import dev.chatd.common.room.Connection;

/** A connection whose output nobody reads: the metrics tests only count. */
final class DiscardingConnection implements Connection {

    @Override
    public void send(byte[] line) {
    }

    @Override
    public void sendLast(byte[] line) {
    }

    @Override
    public String remote() {
        return "test";
    }
}
