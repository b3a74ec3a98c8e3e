package dev.chatd.common.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class ProjectVersionTest {

    @Test
    void isTheVersionMavenBuiltFromTargetClasses() {
        String built = System.getProperty("chatd.project.version");
        assertNotNull(built, "surefire passes the project version as chatd.project.version");

        assertEquals(built, ProjectVersion.current());
    }

    @Test
    void theVersionLineIsTheProgramNameAndTheVersion() {
        assertEquals("chat-x " + ProjectVersion.current() + "\n", ServerMain.versionLine("chat-x"));
    }
}
