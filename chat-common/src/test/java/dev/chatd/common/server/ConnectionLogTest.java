package dev.chatd.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatd.common.room.LeaveReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    private ConnectionLog open() {
        return ConnectionLog.opened("192.0.2.1:5000", lines::add, nanos::get);
    }

    @Test
    void opensWithThePeer() {
        open();
        assertEquals(List.of("connection opened remote=192.0.2.1:5000"), lines);
    }

    @Test
    void closesWithUserReasonAndDuration() {
        ConnectionLog entry = open();
        nanos.addAndGet(12_345_678_901L);
        entry.closed("alice", LeaveReason.CONNECTION_CLOSED);
        assertEquals("connection closed remote=192.0.2.1:5000 user=alice reason=\"connection closed\" duration=12.346s",
                lines.get(1));
    }

    @Test
    void aConnectionWithoutANameAndAQuitAreSpelledOut() {
        open().closed(null, LeaveReason.SHUTDOWN);
        open().closed("bob", LeaveReason.QUIT);
        assertEquals("connection closed remote=192.0.2.1:5000 user=- reason=\"server shutting down\" duration=0.000s",
                lines.get(1));
        assertEquals("connection closed remote=192.0.2.1:5000 user=bob reason=\"quit\" duration=0.000s", lines.get(3));
    }

    @Test
    void onlyTheFirstCloseIsLogged() {
        ConnectionLog entry = open();
        entry.closed("alice", LeaveReason.TOO_SLOW);
        entry.closed("alice", LeaveReason.CONNECTION_CLOSED);
        assertEquals(2, lines.size());
        assertEquals(true, lines.get(1).contains("reason=\"too slow\""));
    }

    @Test
    void refusedIsOneLineSayingWhy() {
        ConnectionLog.refused("192.0.2.1:5000", false, lines::add);
        ConnectionLog.refused("192.0.2.1:5000", true, lines::add);
        assertEquals(List.of("connection refused remote=192.0.2.1:5000 reason=\"server full\"",
                "connection refused remote=192.0.2.1:5000 reason=\"server shutting down\""), lines);
    }

    @Test
    void formatsAddressesWithoutLookupsAndBracketsIpv6() throws Exception {
        assertEquals("127.0.0.1:4455", ConnectionLog.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 4455)));
        assertEquals("[0:0:0:0:0:0:0:1]:80", ConnectionLog.format(new InetSocketAddress(InetAddress.getByName("::1"), 80)));
    }
}
