package dev.chatd.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigFlagTest {

    @Test
    void flagsAndVariablesFollowOneNamingScheme() {
        for (ConfigFlag flag : ConfigFlag.values()) {
            String stem = flag.flag().substring(2).toUpperCase().replace('-', '_');
            assertEquals("CHAT_" + stem, flag.envVar(), flag.name());
            assertTrue(flag.flag().matches("--[a-z]+(-[a-z]+)*"), flag.flag());
            assertTrue(flag.valueName().matches("<[a-z/]+>"), flag.valueName());
        }
        assertEquals(ConfigFlag.values().length,
                Arrays.stream(ConfigFlag.values()).map(ConfigFlag::flag).collect(Collectors.toSet()).size());
    }

    @Test
    void theDefaultsAreWrittenAsAnOperatorWouldTypeThem() {
        assertEquals("4455", ConfigFlag.PORT.defaultText());
        assertEquals("0.0.0.0", ConfigFlag.HOST.defaultText());
        assertEquals("chatd", ConfigFlag.NAME.defaultText());
        assertEquals("10000", ConfigFlag.MAX_USERS.defaultText());
        assertEquals("4096", ConfigFlag.MAX_LINE.defaultText());
        assertEquals("1m", ConfigFlag.OUTPUT_LIMIT.defaultText());
        assertEquals("20", ConfigFlag.RATE_LIMIT.defaultText());
        assertEquals("200", ConfigFlag.RATE_BURST.defaultText());
        assertEquals("off", ConfigFlag.ADMIN_PORT.defaultText());
        assertEquals("5s", ConfigFlag.SHUTDOWN_GRACE.defaultText());
        assertEquals("60s", ConfigFlag.LOGIN_TIMEOUT.defaultText());
        assertEquals("0", ConfigFlag.THREADS.defaultText());
    }

    @Test
    void otherValuesAreWrittenCompactly() {
        ChatConfig config = ChatConfig.defaults().withOutputLimitBytes(1000).withShutdownGrace(Duration.ofMillis(1500));
        assertEquals("1000", ConfigFlag.OUTPUT_LIMIT.valueOf(config));
        assertEquals("1.5s", ConfigFlag.SHUTDOWN_GRACE.valueOf(config));
        assertEquals("250ms", ConfigFlag.SHUTDOWN_GRACE.valueOf(config.withShutdownGrace(Duration.ofMillis(250))));
        assertEquals("0.000001s", ConfigFlag.SHUTDOWN_GRACE.valueOf(config.withShutdownGrace(Duration.ofNanos(1000))));
        assertEquals("512k", ConfigFlag.OUTPUT_LIMIT.valueOf(config.withOutputLimitBytes(512 * 1024)));
        assertEquals("2g", ConfigFlag.OUTPUT_LIMIT.valueOf(config.withOutputLimitBytes(2L << 30)));
        assertEquals("9090", ConfigFlag.ADMIN_PORT.valueOf(config.withAdminPort(9090)));
    }

    private static final ChatConfig UNUSUAL =
            new ChatConfig("::1", 1, "x y", 7, 1000, 3L << 30, 0, 1, 0, Duration.ofNanos(1_500_000), 3,
                    Duration.ofMillis(2500), 42, "rediss://cache:6380", "node-7", 96L << 20, TransportChoice.IO_URING);

    @ParameterizedTest
    @EnumSource(ConfigFlag.class)
    void whatIsWrittenReadsBackUnchanged(ConfigFlag flag) {
        ChatConfig defaults = ChatConfig.defaults();
        assertEquals(defaults, flag.apply(defaults, flag.defaultText()));
        assertEquals(flag.valueOf(UNUSUAL), flag.valueOf(flag.apply(defaults, flag.valueOf(UNUSUAL))));
    }

    @Test
    void applyingEveryWrittenValueRebuildsTheConfig() {
        assertEquals(UNUSUAL, applyAll(ChatConfig.defaults(), UNUSUAL));
    }

    private static ChatConfig applyAll(ChatConfig start, ChatConfig source) {
        ChatConfig config = start;
        for (ConfigFlag flag : ConfigFlag.values()) {
            config = flag.apply(config, flag.valueOf(source));
        }
        return config;
    }
}
