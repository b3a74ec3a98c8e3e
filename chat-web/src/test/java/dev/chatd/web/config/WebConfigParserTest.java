package dev.chatd.web.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ParseOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebConfigParserTest {

    private static final WebConfig DEFAULTS = WebConfig.defaults();
    private final WebConfigParser parser = new WebConfigParser("chat-web");

    private WebConfig parsed(Map<String, String> env, String... args) {
        ParseOutcome<WebConfig> outcome = parser.parse(args, env);
        return ((ParseOutcome.Parsed<WebConfig>) assertInstanceOf(ParseOutcome.Parsed.class, outcome, () -> "got " + outcome)).config();
    }

    private String invalid(Map<String, String> env, String... args) {
        ParseOutcome<WebConfig> outcome = parser.parse(args, env);
        return assertInstanceOf(ParseOutcome.Invalid.class, outcome, () -> "got " + outcome).message();
    }

    @Test
    void nothingGivenMeansTheDocumentedDefaults() {
        WebConfig config = parsed(Map.of());
        assertEquals(new WebConfig("0.0.0.0", 8080, List.of(new Upstream("127.0.0.1", 4455)), List.of(), 4096,
                1024 * 1024, 0), config);
        assertEquals(DEFAULTS, config);
    }

    @Test
    void everyFlagReadsItsValue() {
        WebConfig config = parsed(Map.of(), "--port", "9000", "--host=127.0.0.1",
                "--upstream", "chat-a:4455, chat-b:4456,[::1]:4457", "--allowed-origin", "https://Chat.Example.org:443",
                "--max-line", "8k", "--output-limit", "256k", "--threads", "2");
        assertEquals(9000, config.port());
        assertEquals("127.0.0.1", config.host());
        assertEquals(List.of(new Upstream("chat-a", 4455), new Upstream("chat-b", 4456), new Upstream("::1", 4457)),
                config.upstreams());
        assertEquals(List.of("https://chat.example.org"), config.allowedOrigins());
        assertEquals(8192, config.maxLineBytes());
        assertEquals(256 * 1024, config.outputLimitBytes());
        assertEquals(2, config.workerThreads());
    }

    @Test
    void everyFlagHasItsVariableAndTheFlagWins() {
        Map<String, String> env = Map.of("CHAT_WEB_PORT", "9001", "CHAT_WEB_UPSTREAM", "chat-callback:4455",
                "CHAT_WEB_ALLOWED_ORIGIN", "http://a.example,http://b.example:8080", "CHAT_WEB_HOST", "");
        WebConfig config = parsed(env);
        assertEquals(9001, config.port());
        assertEquals(List.of(new Upstream("chat-callback", 4455)), config.upstreams());
        assertEquals(List.of("http://a.example", "http://b.example:8080"), config.allowedOrigins());
        assertEquals("0.0.0.0", config.host(), "an empty variable counts as unset");
        assertEquals(9002, parsed(env, "--port", "9002").port());
        for (WebFlag flag : WebFlag.values()) assertTrue(flag.envVar().startsWith("CHAT_WEB_"), flag.envVar());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port|abc|--port: not a number: \"abc\"",
        "--port|70000|--port: port must be 0-65535: 70000",
        "--host|999.1.1.1|--host: not an IP address or a known host name: \"999.1.1.1\"",
        "--upstream|localhost|--upstream: not host:port: \"localhost\"",
        "--upstream|::1:4455|--upstream: not host:port: \"::1:4455\"",
        "--upstream|[::1]|--upstream: not host:port: \"[::1]\"",
        "--upstream|a:0|--upstream: upstream port must be 1-65535: 0",
        "--upstream|a:1,,b:2|--upstream: empty item in list: \"a:1,,b:2\"",
        "--allowed-origin|https://chat.example.org/path|--allowed-origin: not an origin (http:// or https://, a host, an optional port, no path): \"https://chat.example.org/path\"",
        "--allowed-origin|*|--allowed-origin: not an origin (http:// or https://, a host, an optional port, no path): \"*\"",
        "--max-line|0|--max-line: max line must be 1-1048576: 0",
        "--output-limit|lots|--output-limit: not a size (bytes, or a number with k, m or g): \"lots\"",
        "--threads|65|--threads: threads must be 0-64: 65",
    })
    void aBadValueNamesTheFlag(String flag, String value, String message) {
        assertEquals(message, invalid(Map.of(), flag, value));
    }

    @Test
    void aBadVariableNamesTheVariable() {
        assertEquals("CHAT_WEB_PORT: not a number: \"http\"", invalid(Map.of("CHAT_WEB_PORT", "http")));
    }

    @Test
    void unknownOptionsAndMissingValuesAreErrors() {
        assertEquals("unknown option: \"--name\"", invalid(Map.of(), "--name", "x"));
        assertEquals("--port: missing value <port>", invalid(Map.of(), "--port", "--host", "::"));
        assertEquals("unexpected argument: \"8080\" (options start with --)", invalid(Map.of(), "8080"));
    }

    @Test
    void helpAndVersionWinAndTheHelpListsEveryFlag() {
        ParseOutcome<WebConfig> help = parser.parse(new String[] {"--help", "--port", "x"}, Map.of());
        String text = assertInstanceOf(ParseOutcome.Help.class, help).text();
        for (WebFlag flag : WebFlag.values()) {
            assertTrue(text.contains(flag.flag()) && text.contains(flag.envVar()), flag + " missing from:\n" + text);
        }
        assertInstanceOf(ParseOutcome.Version.class, parser.parse(new String[] {"--version"}, Map.of()));
    }

    @Test
    void everyDefaultAsShownReadsBack() {
        for (WebFlag flag : WebFlag.values()) {
            assertEquals(DEFAULTS, flag.apply(DEFAULTS, flag.defaultText()), flag.name());
        }
    }
}
