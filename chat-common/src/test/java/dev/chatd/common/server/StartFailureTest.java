package dev.chatd.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    @Test
    void theJdksAndNettysWordingOfOneErrorReadTheSame() {
        String jdk = StartFailure.reason(new BindException("Address already in use"));
        String netty = StartFailure.reason(new IOException("bind(..) failed with error(-98): Address already in use"));
        String netty41 = StartFailure.reason(new IOException("bind(..) failed: Address already in use"));

        assertEquals("address already in use", jdk);
        assertEquals(jdk, netty);
        assertEquals(jdk, netty41);
    }

    @Test
    void anAddressOfAnotherMachineIsExplained() {
        assertEquals("cannot assign requested address (the host is not an address of this machine)",
                StartFailure.reason(new IOException("bind(..) failed with error(-99): Cannot assign requested address")));
    }

    @Test
    void anUnresolvedHostSaysSoInTheParsersWords() {
        assertEquals("not an IP address or a known host name", StartFailure.reason(new UnknownHostException("x.invalid")));
    }

    @Test
    void wrappersAreLookedThroughAndAMessagelessFailureIsNamedByItsType() {
        assertEquals("permission denied",
                StartFailure.reason(new ExecutionException(new BindException("Permission denied"))));
        assertEquals("IOException", StartFailure.reason(new IOException()));
        assertEquals("IOException: odd", StartFailure.reason(new IOException("IOException: odd")));
    }
}
