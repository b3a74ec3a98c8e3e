package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.3.2.1", "localhost", "::1"})
    void loopbackTargetsAreAllowed(String host) throws SetupException {
        assertTrue(LocalTarget.resolve(host, 4455).getAddress().isLoopbackAddress());
        assertEquals(4455, LocalTarget.resolve(host, 4455).getPort());
    }

    // Literal addresses only: resolving them sends nothing anywhere.
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.10", "172.16.0.1", "8.8.8.8", "0.0.0.0", "2001:db8::1"})
    void everyOtherAddressIsRefused(String host) {
        SetupException e = assertThrows(SetupException.class, () -> LocalTarget.resolve(host, 4455));
        assertTrue(e.getMessage().contains("only loopback targets"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void portsOutOfRangeAreRefused(int port) {
        assertThrows(SetupException.class, () -> LocalTarget.resolve("127.0.0.1", port));
    }
}
