package dev.chatd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.ConfigFlag;
import dev.chatd.common.config.ConfigParser;
import dev.chatd.common.config.ParseOutcome;
import dev.chatd.common.server.HealthProbe;
import dev.chatd.web.WebHealthProbe;
import dev.chatd.web.config.Upstream;
import dev.chatd.web.config.WebConfig;
import dev.chatd.web.config.WebConfigParser;
import dev.chatd.web.config.WebFlag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Docker files checked against the real build and the real command line, without a Docker
 * engine: every name, port, path and class they mention must exist and agree.
 */
class DeployFilesTest {

    static final Repository REPO = Repository.here();
    static final ComposeFile COMPOSE = ComposeFile.read(REPO.resolve("docker/docker-compose.yml"));
    static final Dockerfile DOCKERFILE = readDockerfile();
    /** Where the Dockerfile puts the server's jar in the image. */
    static final String IMAGE_JAR = "/app/chatd.jar";
    static final String IMAGE_JVM_OPTIONS = "/app/jvm.options";

    private static Dockerfile readDockerfile() {
        try {
            return Dockerfile.parse(REPO.read("docker/Dockerfile"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The web gateway's service; every other service is a chat server. */
    static final String WEB_SERVICE = "chat-web";

    /** The chat servers' services: every service but the gateway. */
    static Stream<String> serviceNames() {
        return allServiceNames().filter(name -> !name.equals(WEB_SERVICE));
    }

    static Stream<String> allServiceNames() {
        return COMPOSE.services().stream().map(ComposeFile.Service::name);
    }

    /** The config a service's environment gives, read by the real parser with no arguments, as the image runs it. */
    static ChatConfig configOf(ComposeFile.Service service) {
        ParseOutcome<ChatConfig> outcome = new ConfigParser("compose").parse(new String[0], service.environment());
        if (outcome instanceof ParseOutcome.Parsed<ChatConfig> parsed) return parsed.config();
        throw new AssertionError(service.name() + ": " + outcome);
    }

    @Test
    void composeRunsTheCallbackServerOn4455AndTheStreamsServerOn4456() {
        assertEquals(List.of("chat-callback", "chat-streams", WEB_SERVICE), allServiceNames().toList());
        assertEquals(4455, configOf(COMPOSE.service("chat-callback")).port());
        assertEquals(4456, configOf(COMPOSE.service("chat-streams")).port());
        assertEquals("callback", COMPOSE.service("chat-callback").buildArgs().get("SERVER"));
        assertEquals("streams", COMPOSE.service("chat-streams").buildArgs().get("SERVER"));
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void everyEnvironmentVariableIsARealSettingWithAValidValue(String name) {
        ComposeFile.Service service = COMPOSE.service(name);
        Set<String> known = Arrays.stream(ConfigFlag.values()).map(ConfigFlag::envVar).collect(Collectors.toSet());
        for (String variable : service.environment().keySet()) {
            assertTrue(known.contains(variable), name + ": " + variable + " is not one of " + known);
        }
        configOf(service); // every value parses
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void publishesChatToEveryoneAndTheUnauthenticatedAdminPortToThisHostOnly(String name) {
        ComposeFile.Service service = COMPOSE.service(name);
        ChatConfig config = configOf(service);
        assertNotEquals(ChatConfig.ADMIN_OFF, config.adminPort(), name + " should serve /health and /metrics");
        assertEquals(List.of(new ComposeFile.PortMapping("", config.port(), config.port()),
                        new ComposeFile.PortMapping("127.0.0.1", config.adminPort(), config.adminPort())),
                service.ports());
        assertEquals(ChatConfig.DEFAULT_HOST, config.host(), "inside a container the server must listen on every interface");
    }

    @Test
    void noTwoServicesShareAHostPort() {
        List<Integer> hostPorts = COMPOSE.services().stream()
                .flatMap(s -> s.ports().stream()).map(ComposeFile.PortMapping::host).toList();
        assertEquals(hostPorts.size(), Set.copyOf(hostPorts).size(), hostPorts.toString());
    }

    @ParameterizedTest
    @MethodSource("allServiceNames")
    void eachServiceBuildsItsServerModuleWithTheOneDockerfile(String name) throws Exception {
        ComposeFile.Service service = COMPOSE.service(name);
        assertEquals(REPO.root(), service.buildContext(), "the build context is the repository root");
        assertEquals(REPO.resolve("docker/Dockerfile"), service.dockerfile());
        assertEquals(Set.of("SERVER"), service.buildArgs().keySet());
        String module = "chat-" + service.buildArgs().get("SERVER");
        assertEquals(name, module, "service and module names agree");
        assertTrue(REPO.modules().contains(module), module + " is not a module of the root pom");
        String check = DOCKERFILE.all("RUN").get(0).arguments();
        assertTrue(check.startsWith("case \"$SERVER\" in ") && check.contains(service.buildArgs().get("SERVER")),
                "the Dockerfile's check of SERVER refuses " + service.buildArgs().get("SERVER") + ": " + check);

        Dockerfile.CopyFromStage copy = jarCopy();
        Repository.ModulePom pom = REPO.modulePom(module);
        assertEquals("/src/" + pom.jarPath(), copy.source(service.buildArgs()),
                "the Dockerfile copies the jar " + module + "'s pom builds");
        assertTrue(pom.mainClass().isPresent(), module + " sets main.class for its manifest");
    }

    @Test
    void theImageRunsTheCopiedJarInExecFormWithTheRepositorysJvmOptions() throws Exception {
        assertEquals(List.of("java", "@" + IMAGE_JVM_OPTIONS, "-jar", IMAGE_JAR), DOCKERFILE.entrypoint());
        assertEquals(IMAGE_JAR, jarCopy().destination());
        assertTrue(DOCKERFILE.all("COPY").stream().anyMatch(c -> c.arguments().equals("jvm.options " + IMAGE_JVM_OPTIONS)),
                "the image copies jvm.options to " + IMAGE_JVM_OPTIONS);
        assertTrue(DockerIgnore.parse(REPO.read(".dockerignore")).sends("jvm.options"), "jvm.options is kept out of the build");
    }

    @Test
    void jvmOptionsCapTheHeapAndEndTheProcessOnOutOfMemory() throws Exception {
        List<String> options = REPO.read("jvm.options").lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertTrue(options.stream().anyMatch(o -> o.matches("-Xmx\\d+[mg]")), "a fixed heap cap: " + options);
        assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), options.toString());
        // The README's figures are measured with the same file.
        String suite = REPO.read("bench/run-suite.sh");
        assertEquals(2, suite.split("java @\"\\$ROOT/jvm.options\" -jar", -1).length - 1,
                "bench/run-suite.sh starts the server and the gateway with jvm.options");
    }

    @Test
    void buildsWithMavenAndRunsOnAJreAsAnUnprivilegedUser() {
        List<Dockerfile.Stage> stages = DOCKERFILE.stages();
        assertEquals(new Dockerfile.Stage("maven:3.9-eclipse-temurin-17", "build"), stages.get(0));
        assertEquals("eclipse-temurin:17-jre", stages.get(stages.size() - 1).image());
        assertEquals("build", jarCopy().stage());

        Dockerfile runtime = DOCKERFILE.finalStage();
        List<Dockerfile.Instruction> users = runtime.all("USER");
        assertEquals(1, users.size());
        String user = users.get(0).arguments().split(":")[0];
        assertFalse(user.equals("root") || user.equals("0"), "runs as " + user);
        List<String> exposed = runtime.all("EXPOSE").stream()
                .flatMap(i -> Arrays.stream(i.arguments().split("\\s+"))).toList();
        assertTrue(exposed.contains(Integer.toString(ChatConfig.DEFAULT_PORT)), exposed.toString());
    }

    @Test
    void theBuildStageChecksTheServerArgAndBuildsOnlyThatModule() {
        assertTrue(DOCKERFILE.all("ARG").stream().anyMatch(a -> a.arguments().startsWith("SERVER=")),
                "SERVER has a default");
        String build = DOCKERFILE.all("RUN").stream().map(Dockerfile.Instruction::arguments)
                .filter(r -> r.contains("mvn ")).findFirst().orElseThrow();
        assertTrue(build.contains("--mount=type=cache,target=/root/.m2"), build);
        assertTrue(build.contains("-DskipTests") && build.contains("package"), build);
        assertTrue(build.contains("-pl \"chat-$SERVER\" -am"), build);
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void theHealthcheckRunsTheProbeFromTheImageJar(String name) {
        List<String> test = COMPOSE.service(name).healthcheck();
        assertEquals(List.of("CMD", "java"), test.subList(0, 2), "exec form, no shell");
        int cp = test.indexOf("-cp");
        assertTrue(cp > 0, test.toString());
        assertEquals(IMAGE_JAR, test.get(cp + 1));
        assertEquals(HealthProbe.class.getName(), test.get(test.size() - 1));
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void dockerWaitsLongerThanTheShutdownGraceAndRestartsUnlessStopped(String name) {
        ComposeFile.Service service = COMPOSE.service(name);
        Duration grace = configOf(service).shutdownGrace();
        Duration stop = service.stopGracePeriod();
        assertTrue(stop.compareTo(grace.plusSeconds(5)) >= 0,
                "stop_grace_period " + stop + " leaves the JVM under 5 s beyond the drain of " + grace);
        assertEquals("unless-stopped", service.text("restart"));
    }

    @Test
    void composeDurationsAreReadAsCompose() {
        assertEquals(Duration.ofSeconds(90), ComposeFile.composeDuration("1m30s"));
        assertEquals(Duration.ofMillis(1500), ComposeFile.composeDuration("1.5s"));
        assertEquals(Duration.ofMillis(500), ComposeFile.composeDuration("500ms"));
    }

    @Test
    void theBuildContextHasEveryPomAndSourceButNoBuildOutput() throws Exception {
        DockerIgnore ignore = DockerIgnore.parse(REPO.read(".dockerignore"));
        assertTrue(ignore.sends("pom.xml"));
        for (String module : REPO.modules()) {
            assertTrue(ignore.sends(module + "/pom.xml"), module + "/pom.xml is kept out of the image build");
            Path sources = REPO.resolve(module).resolve("src");
            if (!Files.isDirectory(sources)) continue;
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String relative = REPO.root().relativize(file).toString();
                    assertTrue(ignore.sends(relative), relative + " is kept out of the image build");
                }
            }
            assertFalse(ignore.sends(module + "/target/" + module + ".jar"), "a stale jar could reach the image");
        }
        assertFalse(ignore.sends(".git/HEAD"));
        assertFalse(ignore.sends("docs/deploy.md"));
    }

    /**
     * Docker 20.10 (its legacy builder and its BuildKit client) does not walk into a directory that
     * {@code *} excluded unless a re-include names that directory literally: a re-include of every
     * module's sources with a wildcard for the module let nothing back in. So each module is named,
     * and the list is the root pom's modules; besides them only the root pom and jvm.options.
     */
    @Test
    void theDockerIgnoreLetsEachModuleBackInByNameWithoutWildcards() throws Exception {
        DockerIgnore ignore = DockerIgnore.parse(REPO.read(".dockerignore"));
        Set<String> poms = new java.util.TreeSet<>();
        Set<String> sources = new java.util.TreeSet<>();
        for (DockerIgnore.Rule rule : ignore.rules()) {
            if (!rule.include()) continue;
            String pattern = rule.pattern().substring(1).replaceAll("/+$", "");
            assertFalse(pattern.matches(".*[*?\\[].*"), "a wildcard in a re-include: " + rule.pattern());
            if (pattern.endsWith("/pom.xml")) poms.add(pattern.substring(0, pattern.length() - "/pom.xml".length()));
            else if (pattern.endsWith("/src")) sources.add(pattern.substring(0, pattern.length() - "/src".length()));
            else assertTrue(Set.of("pom.xml", "jvm.options").contains(pattern),
                    "only poms, src/ trees and jvm.options are let in: " + rule.pattern());
        }
        Set<String> modules = new java.util.TreeSet<>(REPO.modules());
        assertEquals(modules, poms, ".dockerignore's !<module>/pom.xml lines and the root pom's modules");
        assertEquals(modules, sources, ".dockerignore's !<module>/src lines and the root pom's modules");
    }

    @Test
    void theDockerIgnoreMatcherFollowsDockersRules() {
        DockerIgnore ignore = DockerIgnore.parse("*\n!keep/*.txt\nkeep/no.txt\n");
        assertFalse(ignore.sends("other"));
        assertFalse(ignore.sends("keep/a.md"));
        assertTrue(ignore.sends("keep/a.txt"));
        assertFalse(ignore.sends("keep/no.txt"));
    }

    private static Dockerfile.CopyFromStage jarCopy() {
        List<Dockerfile.CopyFromStage> copies = DOCKERFILE.copiesFromStages();
        assertEquals(1, copies.size(), copies.toString());
        return copies.get(0);
    }

    /** The gateway's settings as its image runs them: its environment through its real parser. */
    static WebConfig webConfig() {
        ParseOutcome<WebConfig> outcome = new WebConfigParser("compose").parse(new String[0], COMPOSE.service(WEB_SERVICE).environment());
        if (outcome instanceof ParseOutcome.Parsed<WebConfig> parsed) return parsed.config();
        throw new AssertionError(WEB_SERVICE + ": " + outcome);
    }

    @Test
    void theGatewayServesBrowsersOn8080InFrontOfTheCallbackServer() {
        ComposeFile.Service web = COMPOSE.service(WEB_SERVICE);
        Set<String> known = Arrays.stream(WebFlag.values()).map(WebFlag::envVar).collect(Collectors.toSet());
        assertTrue(known.containsAll(web.environment().keySet()), web.environment() + " has a variable not in " + known);
        WebConfig config = webConfig();
        assertEquals(WebConfig.DEFAULT_PORT, config.port());
        assertEquals(List.of(new ComposeFile.PortMapping("", 8080, 8080)), web.ports());
        assertEquals(WebConfig.DEFAULT_HOST, config.host(), "inside a container the gateway must listen on every interface");
        assertEquals(List.of(new Upstream("chat-callback", configOf(COMPOSE.service("chat-callback")).port())),
                config.upstreams(), "the upstream is the callback service's chat port");
        assertEquals("service_healthy", web.node().path("depends_on").path("chat-callback").path("condition").asString(""),
                "the gateway starts once the chat server greets");
        List<String> exposed = DOCKERFILE.finalStage().all("EXPOSE").stream()
                .flatMap(i -> Arrays.stream(i.arguments().split("\\s+"))).toList();
        assertTrue(exposed.contains(Integer.toString(WebConfig.DEFAULT_PORT)), exposed.toString());
    }

    @Test
    void theGatewaysHealthcheckRunsItsProbeFromTheImageJarAndItStopsInTime() {
        ComposeFile.Service web = COMPOSE.service(WEB_SERVICE);
        List<String> test = web.healthcheck();
        assertEquals(List.of("CMD", "java"), test.subList(0, 2), "exec form, no shell");
        assertEquals(IMAGE_JAR, test.get(test.indexOf("-cp") + 1));
        assertEquals(WebHealthProbe.class.getName(), test.get(test.size() - 1));
        assertEquals("unless-stopped", web.text("restart"));
        assertTrue(web.stopGracePeriod().compareTo(Duration.ofSeconds(5)) >= 0, "the gateway closes within 2 s of SIGTERM");
    }

    @Test
    void bothServersAreConfiguredWithTheSameVariables() {
        assertEquals(COMPOSE.service("chat-callback").environment().keySet(),
                COMPOSE.service("chat-streams").environment().keySet());
    }
}
