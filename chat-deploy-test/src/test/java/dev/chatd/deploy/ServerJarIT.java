package dev.chatd.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.server.HealthProbe;
import dev.chatd.testkit.FakeUser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each server's packaged jar the way its container does: the Dockerfile's ENTRYPOINT with the
 * compose service's environment (ports swapped for free ones, and loopback only), then chats,
 * scrapes, runs the compose healthcheck, and stops it with SIGTERM as {@code docker stop} would.
 */
class ServerJarIT {

    private static final Repository REPO = DeployFilesTest.REPO;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static List<String> serviceNames() {
        return DeployFilesTest.serviceNames().toList();
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void theJarRunsTheModulesMainClassAndCarriesTheHealthProbe(String name) throws Exception {
        Repository.ModulePom pom = REPO.modulePom(moduleOf(name));
        try (JarFile jar = new JarFile(jarOf(name).toFile())) {
            String mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
            assertEquals(pom.mainClass().orElseThrow(), mainClass);
            assertNotNull(jar.getEntry(mainClass.replace('.', '/') + ".class"), mainClass + " is not in the jar");
            assertNotNull(jar.getEntry(HealthProbe.class.getName().replace('.', '/') + ".class"));
        }
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void runsAsTheContainerWouldAndShutsDownCleanlyOnSigterm(String name) throws Exception {
        ComposeFile.Service service = DeployFilesTest.COMPOSE.service(name);
        int chatPort = freePort();
        int adminPort = freePort();
        Map<String, String> env = new HashMap<>(service.environment());
        env.put("CHAT_PORT", Integer.toString(chatPort));
        env.put("CHAT_ADMIN_PORT", Integer.toString(adminPort));
        env.put("CHAT_HOST", "127.0.0.1"); // this machine's tests talk to loopback only
        Path log = Path.of("target", "smoke-" + name + ".log").toAbsolutePath();

        Process server = start(imageCommand(DeployFilesTest.DOCKERFILE.entrypoint(), name), env, log);
        List<FakeUser> users = new ArrayList<>();
        try {
            await("/health answers (log: " + log + ")").atMost(STARTUP).ignoreException(ConnectException.class)
                    .until(() -> {
                        if (!server.isAlive()) {
                            throw new AssertionError("exited with " + server.exitValue() + ":\n" + Files.readString(log));
                        }
                        return status(adminPort, "/health") == 200;
                    });

            List<String> healthcheck = service.healthcheck();
            Process probe = start(imageCommand(healthcheck.subList(1, healthcheck.size()), name), env,
                    Path.of("target", "healthcheck-" + name + ".log").toAbsolutePath());
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "healthcheck still running");
            assertEquals(0, probe.exitValue(), "the compose healthcheck fails against the real server");

            InetSocketAddress chat = new InetSocketAddress(InetAddress.getLoopbackAddress(), chatPort);
            for (String user : List.of("alice", "bob", "carol")) {
                FakeUser fake = FakeUser.connect(chat, user);
                users.add(fake);
                fake.login(user);
            }
            users.get(1).send("hello from " + name);
            users.get(0).awaitLine("bob: hello from " + name);

            await("metrics count three users").atMost(Duration.ofSeconds(10))
                    .until(() -> sample(scrape(adminPort), "chatd_logged_in_users").orElse(-1.0) == 3.0);
            String metrics = scrape(adminPort);
            assertEquals(3.0, sample(metrics, "chatd_users").orElseThrow(), metrics);
            assertEquals(3.0, sample(metrics, "chatd_logins_total").orElseThrow(), metrics);
            assertTrue(sample(metrics, "chatd_lines_received_total").orElseThrow() >= 4.0, metrics);
            assertTrue(Pattern.compile("(?m)^chatd_info\\{server=\"[^\"]*" + service.buildArgs().get("SERVER")
                    + "[^\"]*\"} 1").matcher(metrics).find(), metrics);

            server.destroy(); // SIGTERM, as docker stop sends

            for (FakeUser user : users) {
                user.awaitClosed();
                assertTrue(user.text().endsWith("* server shutting down\r\n"), user.text());
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM (log: " + log + ")");
            assertEquals(0, server.exitValue(), "exit code after SIGTERM (log: " + log + ")");
            assertTrue(Files.readString(log).contains("listening on 127.0.0.1:" + chatPort), Files.readString(log));
        } finally {
            for (FakeUser user : users) user.close();
            if (server.isAlive()) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void printsItsNameAndTheProjectVersionAndExitsZero(String name) throws Exception {
        Run run = runToEnd(name, "--version");

        assertEquals(new Run(0, name + " " + System.getProperty("chatd.project.version") + "\n"), run);
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void aTakenPortExitsOneWithTheCommonWording(String name) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Run run = runToEnd(name, "--host", "127.0.0.1", "--port", Integer.toString(port));

            assertEquals(new Run(1, name + ": cannot listen on 127.0.0.1:" + port + ": address already in use\n"), run);
        }
    }

    @ParameterizedTest
    @MethodSource("serviceNames")
    void anUnknownHostExitsTwoNamingTheFlag(String name) throws Exception {
        Run run = runToEnd(name, "--host", "999.1.1.1", "--port", "0");

        assertEquals(new Run(2, name + ": --host: not an IP address or a known host name: \"999.1.1.1\"\n"
                + "Try '" + name + " --help' for the list of options.\n"), run);
    }

    /** A jar's exit code and everything it printed, stdout and stderr together. */
    private record Run(int exitCode, String output) {
    }

    /** Runs a service's jar with {@code args} and no CHAT_* environment, and waits for it to exit. */
    private static Run runToEnd(String service, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jarOf(service).toString()));
        command.addAll(List.of(args));
        Path log = Path.of("target", "run-" + service + "-" + args[args.length - 1] + ".log").toAbsolutePath();
        Process process = start(command, Map.of(), log);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(service + " " + command + " still running after 60 s: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static String moduleOf(String service) {
        return "chat-" + DeployFilesTest.COMPOSE.service(service).buildArgs().get("SERVER");
    }

    private static Path jarOf(String service) throws Exception {
        Path jar = REPO.resolve(REPO.modulePom(moduleOf(service)).jarPath());
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn verify (or package) from the root");
        return jar;
    }

    /** A command as the image runs it, with this JDK's java and the locally built jar in place of the image's. */
    private static List<String> imageCommand(List<String> command, String service) throws Exception {
        List<String> local = new ArrayList<>();
        for (String word : command) {
            if (word.equals("java")) local.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            else if (word.equals(DeployFilesTest.IMAGE_JAR)) local.add(jarOf(service).toString());
            else if (word.equals("@" + DeployFilesTest.IMAGE_JVM_OPTIONS)) local.add("@" + REPO.resolve("jvm.options"));
            else local.add(word);
        }
        return local;
    }

    private static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the service's settings: none leaked from the shell that runs the build.
        builder.environment().keySet().removeIf(key -> key.startsWith("CHAT_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private int status(int port, String path) throws IOException, InterruptedException {
        return get(port, path).statusCode();
    }

    private String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, "/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Optional<Double> sample(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
