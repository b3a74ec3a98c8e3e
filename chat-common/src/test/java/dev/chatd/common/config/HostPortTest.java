package dev.chatd.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void anIpv4HostOrANameIsWrittenAsItIs() {
        assertEquals("0.0.0.0:4455", HostPort.format("0.0.0.0", 4455));
        assertEquals("localhost:1", HostPort.format("localhost", 1));
    }

    @Test
    void anIpv6HostIsBracketedAndNotExpanded() {
        assertEquals("[::]:4455", HostPort.format("::", 4455));
        assertEquals("[fe80::1%2]:80", HostPort.format("fe80::1%2", 80));
    }

    @Test
    void theChatAddressIsTheConfiguredHostResolvedWithTheConfiguredPort() throws Exception {
        InetSocketAddress address = HostPort.chatAddress(ChatConfig.forTests().withHost("::1").withPort(4455));

        assertEquals(4455, address.getPort());
        assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
    }

    @Test
    void aHostThatNoLongerResolvesIsAnIoFailureNamingIt() {
        ChatConfig config = ChatConfig.forTests().withHost("no-such-host.invalid");

        UnknownHostException failure = assertThrows(UnknownHostException.class, () -> HostPort.chatAddress(config));
        assertEquals("no-such-host.invalid", failure.getMessage());
    }
}
