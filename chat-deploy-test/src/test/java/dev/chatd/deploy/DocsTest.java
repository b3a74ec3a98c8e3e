package dev.chatd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.admin.PrometheusMetrics;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.ConfigFlag;
import dev.chatd.common.config.ConfigHelp;
import dev.chatd.common.metrics.Rejection;
import dev.chatd.common.room.ChatHub;
import dev.chatd.web.config.WebFlag;
import dev.chatd.web.config.WebHelp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Keeps the operator docs in step with the code they describe: the options tables and the metrics list. */
class DocsTest {

    private static final Repository REPO = DeployFilesTest.REPO;
    private static final String START = "<!-- config-table:start (generated from ConfigFlag; a test keeps it in step) -->\n";
    private static final String END = "<!-- config-table:end -->";
    private static final String WEB_START = "<!-- web-config-table:start (generated from WebFlag; a test keeps it in step) -->\n";
    private static final String WEB_END = "<!-- web-config-table:end -->";

    @ParameterizedTest
    @ValueSource(strings = {"docs/deploy.md", "README.md"})
    void theConfigurationTableIsTheGeneratedOne(String doc) throws Exception {
        String text = REPO.read(doc);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, doc + " has no config-table markers");
        assertEquals(ConfigHelp.markdownTable(), text.substring(start + START.length(), end),
                doc + ": paste ConfigHelp.markdownTable() between the markers");
    }

    @Test
    void theWebGatewaysTableIsTheGeneratedOne() throws Exception {
        String text = REPO.read("README.md");
        int start = text.indexOf(WEB_START);
        int end = text.indexOf(WEB_END);
        assertTrue(start >= 0 && end > start, "README.md has no web-config-table markers");
        assertEquals(WebHelp.markdownTable(), text.substring(start + WEB_START.length(), end),
                "README.md: paste WebHelp.markdownTable() between the web-config-table markers");
    }

    @Test
    void deployDocMentionsOnlyRealVariables() throws Exception {
        Set<String> known = Arrays.stream(ConfigFlag.values()).map(ConfigFlag::envVar).collect(Collectors.toSet());
        Arrays.stream(WebFlag.values()).map(WebFlag::envVar).forEach(known::add);
        Matcher m = Pattern.compile("CHAT_[A-Z_]+").matcher(REPO.read("docs/deploy.md"));
        while (m.find()) {
            assertTrue(known.contains(m.group()), m.group() + " is not a setting");
        }
    }

    @Test
    void deployDocListsEveryMetricWithItsType() throws Exception {
        String doc = REPO.read("docs/deploy.md");
        Map<String, String> exported = exportedMetrics();
        assertTrue(exported.size() >= 12, exported.toString());
        for (Map.Entry<String, String> metric : exported.entrySet()) {
            Pattern row = Pattern.compile("(?m)^\\| `" + Pattern.quote(metric.getKey()) + "(\\{\\w+})?` \\| "
                    + metric.getValue() + " \\| .+ \\|$");
            assertTrue(row.matcher(doc).find(), "docs/deploy.md has no row for " + metric);
        }
        for (Rejection why : Rejection.values()) {
            assertTrue(doc.contains("`" + why.label() + "`"), "reason " + why.label() + " is not listed");
        }
    }

    /** Every metric name and type a server exports, read from a real scrape. */
    private static Map<String, String> exportedMetrics() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusMetrics(new ChatHub(ChatConfig.forTests()), "docs").writeTo(out);
        Map<String, String> types = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(out.toString(StandardCharsets.UTF_8));
        while (m.find()) types.put(m.group(1), m.group(2));
        return types;
    }
}
