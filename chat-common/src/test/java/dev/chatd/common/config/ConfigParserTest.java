package dev.chatd.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {

    private static final ChatConfig DEFAULTS = ChatConfig.defaults();
    private final ConfigParser parser = new ConfigParser("chatd-test");

    private ChatConfig parsed(Map<String, String> env, String... args) {
        ParseOutcome<ChatConfig> outcome = parser.parse(args, env);
        return ((ParseOutcome.Parsed<ChatConfig>) assertInstanceOf(ParseOutcome.Parsed.class, outcome, () -> "got " + outcome)).config();
    }

    private String invalid(Map<String, String> env, String... args) {
        ParseOutcome<ChatConfig> outcome = parser.parse(args, env);
        return assertInstanceOf(ParseOutcome.Invalid.class, outcome, () -> "got " + outcome).message();
    }

    @Test
    void nothingGivenMeansTheDocumentedDefaults() {
        assertEquals(DEFAULTS, parsed(Map.of()));
        assertEquals(new ChatConfig("0.0.0.0", 4455, "chatd", 10_000, 4096, 1024 * 1024, 20, 200,
                ChatConfig.ADMIN_OFF, Duration.ofSeconds(5), 0, Duration.ofSeconds(60), 100, null, "", 0, TransportChoice.AUTO), parsed(Map.of()));
    }

    /** One or more accepted values per flag, and the config each should produce. */
    static Stream<Arguments> validValues() {
        return Stream.of(
                Arguments.of(ConfigFlag.PORT, "5000", DEFAULTS.withPort(5000)),
                Arguments.of(ConfigFlag.PORT, "0", DEFAULTS.withPort(0)),
                Arguments.of(ConfigFlag.PORT, "65535", DEFAULTS.withPort(65535)),
                Arguments.of(ConfigFlag.HOST, "127.0.0.1", DEFAULTS.withHost("127.0.0.1")),
                Arguments.of(ConfigFlag.HOST, "::", DEFAULTS.withHost("::")),
                Arguments.of(ConfigFlag.HOST, "[::1]", DEFAULTS.withHost("::1")),
                Arguments.of(ConfigFlag.HOST, "localhost", DEFAULTS.withHost("localhost")),
                Arguments.of(ConfigFlag.NAME, "Tea Room", DEFAULTS.withName("Tea Room")),
                Arguments.of(ConfigFlag.NAME, " padded ", DEFAULTS.withName("padded")),
                Arguments.of(ConfigFlag.MAX_USERS, "50", DEFAULTS.withMaxUsers(50)),
                Arguments.of(ConfigFlag.MAX_LINE, "8192", DEFAULTS.withMaxLineBytes(8192)),
                Arguments.of(ConfigFlag.MAX_LINE, "8k", DEFAULTS.withMaxLineBytes(8192)),
                Arguments.of(ConfigFlag.OUTPUT_LIMIT, "1000", DEFAULTS.withOutputLimitBytes(1000)),
                Arguments.of(ConfigFlag.OUTPUT_LIMIT, "512k", DEFAULTS.withOutputLimitBytes(512 * 1024)),
                Arguments.of(ConfigFlag.OUTPUT_LIMIT, "2m", DEFAULTS.withOutputLimitBytes(2 * 1024 * 1024)),
                Arguments.of(ConfigFlag.OUTPUT_BUDGET, "96m", DEFAULTS.withOutputBudgetBytes(96L << 20)),
                Arguments.of(ConfigFlag.OUTPUT_BUDGET, "0", DEFAULTS.withOutputBudgetBytes(0)),
                Arguments.of(ConfigFlag.OUTPUT_LIMIT, "2M", DEFAULTS.withOutputLimitBytes(2 * 1024 * 1024)),
                Arguments.of(ConfigFlag.OUTPUT_LIMIT, "3g", DEFAULTS.withOutputLimitBytes(3L << 30)),
                Arguments.of(ConfigFlag.RATE_LIMIT, "100", DEFAULTS.withRateLimit(100)),
                Arguments.of(ConfigFlag.RATE_LIMIT, "0", DEFAULTS.withRateLimit(0)),
                Arguments.of(ConfigFlag.RATE_BURST, "10", DEFAULTS.withRateBurst(10)),
                Arguments.of(ConfigFlag.ADMIN_PORT, "9090", DEFAULTS.withAdminPort(9090)),
                Arguments.of(ConfigFlag.ADMIN_PORT, "0", DEFAULTS.withAdminPort(0)),
                Arguments.of(ConfigFlag.ADMIN_PORT, "OFF", DEFAULTS.withAdminPort(ChatConfig.ADMIN_OFF)),
                Arguments.of(ConfigFlag.SHUTDOWN_GRACE, "5", DEFAULTS.withShutdownGrace(Duration.ofSeconds(5))),
                Arguments.of(ConfigFlag.SHUTDOWN_GRACE, "2.5", DEFAULTS.withShutdownGrace(Duration.ofMillis(2500))),
                Arguments.of(ConfigFlag.SHUTDOWN_GRACE, "10s", DEFAULTS.withShutdownGrace(Duration.ofSeconds(10))),
                Arguments.of(ConfigFlag.SHUTDOWN_GRACE, "500ms", DEFAULTS.withShutdownGrace(Duration.ofMillis(500))),
                Arguments.of(ConfigFlag.SHUTDOWN_GRACE, "0", DEFAULTS.withShutdownGrace(Duration.ZERO)),
                Arguments.of(ConfigFlag.LOGIN_TIMEOUT, "90", DEFAULTS.withLoginTimeout(Duration.ofSeconds(90))),
                Arguments.of(ConfigFlag.LOGIN_TIMEOUT, "0", DEFAULTS.withLoginTimeout(Duration.ZERO)),
                Arguments.of(ConfigFlag.HISTORY, "0", DEFAULTS.withHistoryEvents(0)),
                Arguments.of(ConfigFlag.HISTORY, "1000", DEFAULTS.withHistoryEvents(1000)),
                Arguments.of(ConfigFlag.THREADS, "4", DEFAULTS.withWorkerThreads(4)),
                Arguments.of(ConfigFlag.THREADS, "0", DEFAULTS.withWorkerThreads(0)),
                Arguments.of(ConfigFlag.THREADS, "256", DEFAULTS.withWorkerThreads(256)),
                Arguments.of(ConfigFlag.REDIS, "redis://127.0.0.1:6379", DEFAULTS.withRedis("redis://127.0.0.1:6379")),
                Arguments.of(ConfigFlag.REDIS, "off", DEFAULTS),
                Arguments.of(ConfigFlag.NODE_ID, "web-1", DEFAULTS.withNodeId("web-1")),
                Arguments.of(ConfigFlag.NODE_ID, "auto", DEFAULTS),
                Arguments.of(ConfigFlag.TRANSPORT, "io_uring", DEFAULTS.withTransport(TransportChoice.IO_URING)),
                Arguments.of(ConfigFlag.TRANSPORT, "EPOLL", DEFAULTS.withTransport(TransportChoice.EPOLL)),
                Arguments.of(ConfigFlag.TRANSPORT, "nio", DEFAULTS.withTransport(TransportChoice.NIO)),
                Arguments.of(ConfigFlag.TRANSPORT, "auto", DEFAULTS));
    }

    @Test
    void everyFlagHasAValidValueExample() {
        Set<ConfigFlag> covered = validValues().map(a -> (ConfigFlag) a.get()[0]).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(ConfigFlag.class), covered);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validValues")
    void eachFlagIsReadFromTheCommandLineWithASpace(ConfigFlag flag, String value, ChatConfig expected) {
        assertEquals(expected, parsed(Map.of(), flag.flag(), value));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("validValues")
    void eachFlagIsReadFromTheCommandLineWithAnEqualsSign(ConfigFlag flag, String value, ChatConfig expected) {
        assertEquals(expected, parsed(Map.of(), flag.flag() + "=" + value));
    }

    @ParameterizedTest(name = "{0} via env {1}")
    @MethodSource("validValues")
    void eachFlagIsReadFromItsEnvironmentVariable(ConfigFlag flag, String value, ChatConfig expected) {
        assertEquals(expected, parsed(Map.of(flag.envVar(), value)));
    }

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverDefaults() {
        ChatConfig config = parsed(Map.of("CHAT_PORT", "6000", "CHAT_NAME", "from-env"), "--port", "7000");

        assertEquals(7000, config.port());
        assertEquals("from-env", config.name());
        assertEquals(DEFAULTS.maxUsers(), config.maxUsers());
    }

    @Test
    void aBadEnvironmentValueOverriddenOnTheCommandLineDoesNoHarm() {
        assertEquals(7000, parsed(Map.of("CHAT_PORT", "abc"), "--port=7000").port());
    }

    @Test
    void aBlankEnvironmentVariableCountsAsUnset() {
        assertEquals(DEFAULTS, parsed(Map.of("CHAT_ADMIN_PORT", "", "CHAT_PORT", "  ")));
    }

    @Test
    void otherEnvironmentVariablesAreIgnored() {
        assertEquals(DEFAULTS, parsed(Map.of("PORT", "1", "CHAT_UNKNOWN", "x", "chat_port", "1")));
    }

    @Test
    void theLastOfARepeatedFlagWins() {
        assertEquals(3, parsed(Map.of(), "--threads", "1", "--threads=2", "--threads", "3").workerThreads());
    }

    @Test
    void manyFlagsTogether() {
        ChatConfig config = parsed(Map.of("CHAT_RATE_LIMIT", "0"),
                "--host", "127.0.0.1", "--port=0", "--name", "test", "--max-users", "3",
                "--max-line=100", "--output-limit", "64k", "--rate-burst=5", "--admin-port", "0",
                "--shutdown-grace=250ms", "--threads", "2", "--login-timeout", "30s", "--history", "7",
                "--transport", "epoll");

        assertEquals(new ChatConfig("127.0.0.1", 0, "test", 3, 100, 64 * 1024, 0, 5, 0,
                Duration.ofMillis(250), 2, Duration.ofSeconds(30), 7, null, "", 0, TransportChoice.EPOLL), config);
    }

    @Test
    void anEqualsSignInTheValueIsKept() {
        assertEquals("a=b", parsed(Map.of(), "--name=a=b").name());
    }

    @Test
    void aValueMayStartWithASingleDash() {
        assertEquals("--port: port must be 0-65535: -1", invalid(Map.of(), "--port", "-1"));
        assertEquals("-x-", parsed(Map.of(), "--name", "-x-").name());
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of(Map.of(), new String[] {"--port", "abc"}, "--port: not a number: \"abc\""),
                Arguments.of(Map.of(), new String[] {"--redis", "localhost:6379"}, "--redis: not off or a redis:// URI: \"localhost:6379\""),
                Arguments.of(Map.of(), new String[] {"--transport", "uring"},
                        "--transport: transport must be one of auto|io_uring|epoll|nio: \"uring\""),
                Arguments.of(Map.of("CHAT_NODE_ID", "a b"), new String[0],
                        "CHAT_NODE_ID: node id must be auto or 1-64 letters, digits, '.', '_' or '-': \"a b\""),
                Arguments.of(Map.of("CHAT_PORT", "70000"), new String[0], "CHAT_PORT: port must be 0-65535: 70000"),
                Arguments.of(Map.of(), new String[] {"--port=-1"}, "--port: port must be 0-65535: -1"),
                Arguments.of(Map.of(), new String[] {"--port", "4455.5"}, "--port: not a number: \"4455.5\""),
                Arguments.of(Map.of(), new String[] {"--host="}, "--host: host must not be empty"),
                Arguments.of(Map.of(), new String[] {"--host", "999.1.1.1"},
                        "--host: not an IP address or a known host name: \"999.1.1.1\""),
                Arguments.of(Map.of("CHAT_HOST", "no-such-host.invalid"), new String[0],
                        "CHAT_HOST: not an IP address or a known host name: \"no-such-host.invalid\""),
                Arguments.of(Map.of(), new String[] {"--host", "[1.2.3.4]"},
                        "--host: not an IP address or a known host name: \"[1.2.3.4]\""),
                Arguments.of(Map.of(), new String[] {"--host", "[]"},
                        "--host: not an IP address or a known host name: \"[]\""),
                Arguments.of(Map.of(), new String[] {"--name", " "}, "--name: name must not be empty"),
                Arguments.of(Map.of(), new String[] {"--name", "evil\u001b[2J"},
                        "--name: name must not contain control characters: \"evil\\u001b[2J\""),
                Arguments.of(Map.of(), new String[] {"--max-users", "0"}, "--max-users: max users must be at least 1: 0"),
                Arguments.of(Map.of("CHAT_MAX_USERS", "-5"), new String[0],
                        "CHAT_MAX_USERS: max users must be at least 1: -5"),
                Arguments.of(Map.of(), new String[] {"--max-users", "99999999999"},
                        "--max-users: max users is too large (max 2147483647): 99999999999"),
                Arguments.of(Map.of(), new String[] {"--max-line", "3g"},
                        "--max-line: max line is too large (max 2147483647): 3g"),
                Arguments.of(Map.of(), new String[] {"--max-line", "many"},
                        "--max-line: not a size (bytes, or a number with k, m or g): \"many\""),
                Arguments.of(Map.of(), new String[] {"--output-limit", "1x"},
                        "--output-limit: not a size (bytes, or a number with k, m or g): \"1x\""),
                Arguments.of(Map.of("CHAT_OUTPUT_LIMIT", "1mb"), new String[0],
                        "CHAT_OUTPUT_LIMIT: not a size (bytes, or a number with k, m or g): \"1mb\""),
                Arguments.of(Map.of(), new String[] {"--output-limit", "0k"},
                        "--output-limit: output limit must be at least 1: 0k"),
                Arguments.of(Map.of(), new String[] {"--output-limit", "99999999999g"},
                        "--output-limit: output limit is too large (max 9223372036854775807): 99999999999g"),
                Arguments.of(Map.of(), new String[] {"--rate-limit", "-1"}, "--rate-limit: rate limit must be at least 0: -1"),
                Arguments.of(Map.of(), new String[] {"--rate-limit", "fast"}, "--rate-limit: not a number: \"fast\""),
                Arguments.of(Map.of(), new String[] {"--rate-burst", "0"}, "--rate-burst: rate burst must be at least 1: 0"),
                Arguments.of(Map.of(), new String[] {"--admin-port", "70000"},
                        "--admin-port: admin port must be 0-65535: 70000"),
                Arguments.of(Map.of(), new String[] {"--admin-port", "-1"}, "--admin-port: admin port must be 0-65535: -1"),
                Arguments.of(Map.of("CHAT_ADMIN_PORT", "on"), new String[0],
                        "CHAT_ADMIN_PORT: not a port number or \"off\": \"on\""),
                Arguments.of(Map.of(), new String[] {"--shutdown-grace", "-1"},
                        "--shutdown-grace: shutdown grace must not be negative: -1"),
                Arguments.of(Map.of(), new String[] {"--shutdown-grace", "5min"},
                        "--shutdown-grace: not a duration (seconds, e.g. 5 or 2.5, or 500ms): \"5min\""),
                Arguments.of(Map.of(), new String[] {"--shutdown-grace", "1e3"},
                        "--shutdown-grace: not a duration (seconds, e.g. 5 or 2.5, or 500ms): \"1e3\""),
                Arguments.of(Map.of(), new String[] {"--shutdown-grace", "99999999999999999999"},
                        "--shutdown-grace: shutdown grace is too large: 99999999999999999999"),
                Arguments.of(Map.of(), new String[] {"--threads", "-2"}, "--threads: threads must be 0-256: -2"),
                Arguments.of(Map.of(), new String[] {"--threads", "100000"}, "--threads: threads must be 0-256: 100000"),
                Arguments.of(Map.of("CHAT_THREADS", "257"), new String[0], "CHAT_THREADS: threads must be 0-256: 257"),
                Arguments.of(Map.of(), new String[] {"--history", "1001"}, "--history: history must be 0-1000: 1001"),
                Arguments.of(Map.of("CHAT_HISTORY", "x"), new String[0], "CHAT_HISTORY: not a number: \"x\""),
                Arguments.of(Map.of(), new String[] {"--prot", "1"}, "unknown option: \"--prot\""),
                Arguments.of(Map.of(), new String[] {"--MAX-USERS", "1"}, "unknown option: \"--MAX-USERS\""),
                Arguments.of(Map.of(), new String[] {"-p", "1"}, "unknown option: \"-p\""),
                Arguments.of(Map.of(), new String[] {"--prot=1"}, "unknown option: \"--prot\""),
                Arguments.of(Map.of(), new String[] {"--name", "x", "--port"}, "--port: missing value <port>"),
                Arguments.of(Map.of(), new String[] {"--port", "--host", "::"}, "--port: missing value <port>"),
                Arguments.of(Map.of(), new String[] {"4455"},
                        "unexpected argument: \"4455\" (options start with --)"),
                Arguments.of(Map.of(), new String[] {"--help=yes"}, "--help takes no value"),
                Arguments.of(Map.of(), new String[] {"--version=1"}, "--version takes no value"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidInputs")
    void aBadValueGivesOneLineNamingItsSourceAndTheValue(Map<String, String> env, String[] args, String expected) {
        String message = invalid(env, args);
        assertEquals(expected, message);
        assertEquals(-1, message.indexOf('\n'));
        // The caller prints the one "Try --help" hint; a second one in the message would repeat it.
        assertFalse(message.contains("see --help"), message);
    }

    @Test
    void theFirstProblemOnTheCommandLineIsReported() {
        assertEquals("unknown option: \"--bogus\"", invalid(Map.of(), "--bogus", "--help"));
    }

    @Test
    void helpIsAnsweredWithTheHelpTextWhateverElseIsGiven() {
        String expected = ConfigHelp.text("chatd-test");

        assertEquals(new ParseOutcome.Help<ChatConfig>(expected), parser.parse(new String[] {"--help"}, Map.of()));
        assertEquals(new ParseOutcome.Help<ChatConfig>(expected), parser.parse(new String[] {"-h"}, Map.of()));
        assertEquals(new ParseOutcome.Help<ChatConfig>(expected),
                parser.parse(new String[] {"--port", "abc", "-h"}, Map.of("CHAT_PORT", "x")));
        assertEquals(expected, parser.helpText());
    }

    @Test
    void versionIsAnsweredWhateverElseIsGivenUnlessAnErrorOrHelpComesFirst() {
        assertEquals(new ParseOutcome.Version<ChatConfig>(), parser.parse(new String[] {"--version"}, Map.of()));
        assertEquals(new ParseOutcome.Version<ChatConfig>(),
                parser.parse(new String[] {"--port", "1", "--version", "--port", "abc"}, Map.of("CHAT_PORT", "x")));
        assertInstanceOf(ParseOutcome.Help.class, parser.parse(new String[] {"-h", "--version"}, Map.of()));
        assertInstanceOf(ParseOutcome.Invalid.class, parser.parse(new String[] {"--bogus", "--version"}, Map.of()));
    }

    @Test
    void theThreadLimitIsTheConfigsOwnSoNoConfigCanExceedIt() {
        assertEquals(256, ChatConfig.MAX_WORKER_THREADS);
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withWorkerThreads(ChatConfig.MAX_WORKER_THREADS + 1));
        assertEquals(7, DEFAULTS.withWorkerThreads(7).effectiveWorkerThreads());
        int cores = DEFAULTS.effectiveWorkerThreads();
        assertTrue(cores >= 1 && cores <= ChatConfig.MAX_WORKER_THREADS, "0 means one per core: " + cores);
    }
}
