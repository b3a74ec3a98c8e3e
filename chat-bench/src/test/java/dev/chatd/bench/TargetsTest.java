package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetsTest {

    @Test
    void usersGoToTheNodesInTurnSoSendersAreSpreadToo() throws SetupException {
        Targets targets = Targets.parse("127.0.0.1:4455,127.0.0.1:4456,[::1]:4457");
        assertEquals(3, targets.addresses().size());
        assertEquals(4455, targets.forUser(0).getPort());
        assertEquals(4456, targets.forUser(1).getPort());
        assertEquals(4457, targets.forUser(2).getPort());
        assertEquals(4455, targets.forUser(3).getPort());
        assertEquals("127.0.0.1:4455,127.0.0.1:4456,[::1]:4457", targets.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":4455", "127.0.0.1:4455,", "127.0.0.1:x", "127.0.0.1:70000"})
    void malformedListsAreRefused(String list) {
        assertThrows(SetupException.class, () -> Targets.parse(list));
    }

    @Test
    void everyNodeMustBeOnLoopback() {
        SetupException e = assertThrows(SetupException.class, () -> Targets.parse("127.0.0.1:4455,10.0.0.1:4455"));
        assertTrue(e.getMessage().contains("only loopback targets"), e.getMessage());
    }

    @Test
    void fanoutTakesTargetsInsteadOfHostAndPort() throws SetupException {
        FanoutOptions cluster = FanoutOptions.parse(new String[] {"--users", "4", "--senders", "2", "--messages", "1",
                "--targets", "127.0.0.1:4455,127.0.0.1:4456"});
        assertEquals(new InetSocketAddress("127.0.0.1", 4456), cluster.targets().forUser(1));
        FanoutOptions single = FanoutOptions.parse(new String[] {"--users", "4", "--senders", "2", "--messages", "1",
                "--port", "4460"});
        assertEquals(1, single.targets().addresses().size());
        assertEquals(4460, single.targets().forUser(3).getPort());
        assertThrows(SetupException.class, () -> FanoutOptions.parse(new String[] {"--users", "4", "--senders", "2",
                "--messages", "1", "--port", "4460", "--targets", "127.0.0.1:4455"}));
    }
}
