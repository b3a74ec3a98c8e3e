package dev.chatd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.ParseOutcome;
import dev.chatd.web.config.Upstream;
import dev.chatd.web.config.WebConfig;
import dev.chatd.web.config.WebConfigParser;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.cluster.yml on top of docker-compose.yml, merged as compose merges them: Redis with
 * AOF and a healthcheck on the compose network only, and both chat servers as nodes of one cluster
 * on it, each on its own port, the gateway in front of both. Checked against the real config parsers.
 */
class ClusterComposeTest {

    static final ComposeFile OVERRIDE = ComposeFile.read(DeployFilesTest.REPO.resolve("docker/docker-compose.cluster.yml"));
    static final ComposeFile CLUSTER = DeployFilesTest.COMPOSE.with(OVERRIDE);
    static final List<String> NODES = List.of("chat-callback", "chat-streams");

    static Stream<String> nodes() {
        return NODES.stream();
    }

    @Test
    void theOverrideAddsRedisAndChangesOnlyTheBaseFilesServices() {
        List<String> base = DeployFilesTest.allServiceNames().toList();
        List<String> merged = CLUSTER.services().stream().map(ComposeFile.Service::name).toList();
        List<String> expected = new ArrayList<>(base);
        expected.add("redis");
        assertEquals(expected, merged);
        for (ComposeFile.Service service : OVERRIDE.services()) {
            if (service.name().equals("redis")) continue;
            assertTrue(base.contains(service.name()), service.name() + " is not a service of docker-compose.yml");
            assertTrue(service.node().path("build").isMissingNode() && service.node().path("ports").isMissingNode(),
                    service.name() + ": the override changes settings only, so images and ports stay the base file's");
        }
    }

    @Test
    void redisKeepsAnAppendOnlyFileOnAVolumeAndIsHealthChecked() {
        ComposeFile.Service redis = CLUSTER.service("redis");
        assertTrue(redis.text("image").startsWith("redis:7"), redis.text("image"));
        List<String> command = words(redis.node().path("command"));
        assertEquals("redis-server", command.get(0));
        assertEquals("yes", command.get(command.indexOf("--appendonly") + 1), command.toString());
        assertEquals(List.of("redis-data:/data"), words(redis.node().path("volumes")), "the AOF outlives the container");
        assertTrue(CLUSTER.root().path("volumes").has("redis-data"), "the named volume is declared");
        assertEquals(List.of("CMD", "redis-cli", "ping"), redis.healthcheck());
        assertTrue(redis.ports().isEmpty(), "Redis has no password: it must not be published");
        assertEquals("unless-stopped", redis.text("restart"));
    }

    @ParameterizedTest
    @MethodSource("nodes")
    void eachServerIsANodeOnThatRedisStartedOnceItIsHealthy(String name) {
        ComposeFile.Service service = CLUSTER.service(name);
        ChatConfig config = DeployFilesTest.configOf(service); // the real parser: every value is valid
        assertTrue(config.clustered(), name + " joins the cluster");
        URI redis = URI.create(config.redis());
        assertEquals("redis", redis.getScheme());
        assertEquals("redis", redis.getHost(), "the Redis service by its compose name");
        assertEquals(6379, redis.getPort());
        assertEquals("service_healthy", service.node().path("depends_on").path("redis").path("condition").asString(""));
        assertEquals(DeployFilesTest.configOf(DeployFilesTest.COMPOSE.service(name)).port(), config.port(),
                "the node keeps its own port");
    }

    @Test
    void theNodesHaveTheirOwnIdsAndPortsAndTheGatewaySpreadsOverBoth() {
        Set<String> ids = NODES.stream().map(n -> DeployFilesTest.configOf(CLUSTER.service(n)).nodeId())
                .collect(Collectors.toSet());
        assertEquals(NODES.size(), ids.size(), "node ids: " + ids);
        Set<Integer> ports = NODES.stream().map(n -> DeployFilesTest.configOf(CLUSTER.service(n)).port())
                .collect(Collectors.toSet());
        assertEquals(NODES.size(), ports.size());
        List<Upstream> upstreams = new ArrayList<>();
        for (String node : NODES) upstreams.add(new Upstream(node, DeployFilesTest.configOf(CLUSTER.service(node)).port()));
        WebUpstreams gateway = new WebUpstreams(CLUSTER.service(DeployFilesTest.WEB_SERVICE));
        assertEquals(upstreams, gateway.upstreams());
        for (String node : NODES) {
            assertEquals("service_healthy", CLUSTER.service(DeployFilesTest.WEB_SERVICE).node().path("depends_on")
                    .path(node).path("condition").asString(""), "the gateway waits for " + node);
        }
    }

    @Test
    void noServiceInEitherFileUsesStartInterval() {
        for (ComposeFile file : List.of(DeployFilesTest.COMPOSE, OVERRIDE)) {
            for (ComposeFile.Service service : file.services()) {
                assertFalse(service.node().path("healthcheck").has("start_interval"),
                        service.name() + ": compose refuses start_interval on engines older than 25 (API 1.44),"
                                + " such as Debian's docker.io 20.10");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.chatd.deploy.DeployFilesTest#allServiceNames")
    void everyServiceIsHealthySoonAfterItStarts(String name) {
        ComposeFile.Service service = CLUSTER.service(name);
        Duration interval = service.healthcheckTiming("interval");
        assertNotEquals(null, interval, name + " sets its interval");
        // On engine 20.10 the first probe runs one interval after the start: that is when a
        // service can first be healthy, and when a depends_on: service_healthy starts the next.
        assertTrue(interval.compareTo(Duration.ofSeconds(5)) <= 0, name + ": first probe after " + interval);
        Duration startPeriod = service.healthcheckTiming("start_period");
        assertNotEquals(null, startPeriod, name + " sets a start period");
        assertTrue(startPeriod.compareTo(interval) > 0, name + ": failures in the start period do not count");
    }

    private static List<String> words(JsonNode list) {
        List<String> words = new ArrayList<>();
        for (JsonNode word : list) words.add(word.asString());
        return words;
    }

    /** The gateway's upstreams as its image reads them, with the real parser. */
    private record WebUpstreams(ComposeFile.Service service) {
        List<Upstream> upstreams() {
            ParseOutcome<WebConfig> outcome = new WebConfigParser("compose").parse(new String[0], service.environment());
            if (outcome instanceof ParseOutcome.Parsed<WebConfig> parsed) return parsed.config().upstreams();
            throw new AssertionError(service.name() + ": " + outcome);
        }
    }
}
