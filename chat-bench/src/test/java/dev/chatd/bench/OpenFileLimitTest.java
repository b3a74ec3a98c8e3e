package dev.chatd.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenFileLimitTest {

    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max processes             95000                95000                processes
            Max open files            1024                 524288               files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void readsSoftAndHardLimits() {
        assertEquals(Optional.of(new OpenFileLimit(1024, 524288)), OpenFileLimit.parse(LIMITS));
    }

    @Test
    void unlimitedIsTheLargestNumber() {
        Optional<OpenFileLimit> limit = OpenFileLimit.parse("Max open files            unlimited            unlimited            files\n");
        assertEquals(Long.MAX_VALUE, limit.orElseThrow().soft());
    }

    @Test
    void missingLineGivesNothing() {
        assertEquals(Optional.empty(), OpenFileLimit.parse("Max processes 1 1 processes\n"));
    }

    @Test
    void usersThatFitPass() {
        assertDoesNotThrow(() -> new OpenFileLimit(1024, 1024).check(1024 - OpenFileLimit.RESERVED));
    }

    @Test
    void tooManyUsersSayTheLimitAndHowToRaiseIt() {
        SetupException e = assertThrows(SetupException.class, () -> new OpenFileLimit(1024, 524288).check(10_000));
        assertTrue(e.getMessage().contains("may open only 1024"), e.getMessage());
        assertTrue(e.getMessage().contains("ulimit -n 10064"), e.getMessage());
    }

    @Test
    void aHardLimitTooLowTooSaysSo() {
        SetupException e = assertThrows(SetupException.class, () -> new OpenFileLimit(4096, 4096).check(10_000));
        assertTrue(e.getMessage().contains("hard limit is 4096"), e.getMessage());
        assertTrue(e.getMessage().contains("limits.conf"), e.getMessage());
    }

    @Test
    void thisProcessHasALimitOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(OpenFileLimit.ofThisProcess().orElseThrow().soft() > 0);
        }
    }
}
