package dev.chatd.common.server;

import dev.chatd.common.admin.AdminServer;
import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.config.ConfigParser;
import dev.chatd.common.config.HostPort;
import dev.chatd.common.config.ParseOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of both servers: read the configuration, start the server, wait for SIGTERM
 * or Ctrl-C, shut down gracefully. Exit codes: 0 after {@code --help}, {@code --version} or a
 * graceful shutdown; 1 when the server cannot start (the chat or admin port is taken, the host is
 * no address of this machine) or fails to shut down; 2 for a bad command line or environment,
 * an unknown host included. Every message is worded here, so both servers print the same bytes.
 */
public final class ServerMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;

    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

    private ServerMain() {
    }

    /** Runs with the real environment and exits the JVM with {@link #run}'s exit code. */
    public static void runAndExit(String programName, String[] args, ChatServerFactory factory) {
        System.exit(run(programName, args, System.getenv(), factory));
    }

    /**
     * Parses, starts the server and blocks until SIGTERM or SIGINT, then closes the server.
     *
     * @return the process exit code
     */
    public static int run(String programName, String[] args, Map<String, String> env, ChatServerFactory factory) {
        // Installed before the server starts, so a Ctrl-C during a slow start still shuts down cleanly.
        try (TerminationSignals signals = TerminationSignals.install()) {
            return run(programName, args, env, factory, System.out, System.err, signals.received());
        }
    }

    /**
     * As {@link #run(String, String[], Map, ChatServerFactory)}, but prints to {@code out} and
     * {@code err} and stops when {@code stopRequested} completes; for tests that run a server's
     * factory the way its main class does.
     */
    public static int run(String programName, String[] args, Map<String, String> env, ChatServerFactory factory,
                   PrintStream out, PrintStream err, CompletionStage<String> stopRequested) {
        ParseOutcome<ChatConfig> outcome = new ConfigParser(programName).parse(args, env);
        OptionalInt answered = outcome.answer(programName, versionLine(programName), out, err);
        if (answered.isPresent()) {
            return answered.getAsInt();
        }
        ChatConfig config = ((ParseOutcome.Parsed<ChatConfig>) outcome).config();

        ChatServer server;
        try {
            server = factory.start(config);
        } catch (Exception e) {
            String where = HostPort.format(config.host(), config.port());
            err.println(programName + ": " + (e instanceof IOException ? "cannot listen on " : "failed to start on ")
                    + where + ": " + StartFailure.reason(e));
            err.flush();
            log.debug("start failed", e);
            return EXIT_FAILED;
        }
        log.info(listeningMessage(programName, config, server.address()));

        Optional<AdminServer> admin;
        try {
            admin = startAdmin(programName, server);
        } catch (IOException | RuntimeException e) {
            server.close();
            err.println(programName + ": cannot listen on " + HostPort.format(config.host(), config.adminPort())
                    + " (admin): " + StartFailure.reason(e));
            err.flush();
            return EXIT_FAILED;
        }

        String reason = awaitStop(stopRequested);
        log.info("{} shutting down ({}), allowing {} ms for output to drain",
                programName, reason, config.shutdownGrace().toMillis());
        try {
            server.close();
        } catch (RuntimeException e) {
            err.println(programName + ": shutdown failed: " + describe(e));
            err.flush();
            log.debug("shutdown failed", e);
            return EXIT_FAILED;
        } finally {
            // Only now: /health answers 503 while the server drains.
            admin.ifPresent(AdminServer::close);
        }
        log.info("{} stopped", programName);
        return EXIT_OK;
    }

    /** Starts /health and /metrics when the config asks for them, labelled with the program name. */
    private static Optional<AdminServer> startAdmin(String programName, ChatServer server) throws IOException {
        if (!AdminServer.isEnabled(server.hub().config())) return Optional.empty();
        return Optional.of(AdminServer.start(server.hub(), programName));
    }

    /** What {@code --version} prints: the program's name and the build's version, e.g. {@code chat-callback 1.0.0}. */
    static String versionLine(String programName) {
        return programName + " " + ProjectVersion.current() + "\n";
    }

    /**
     * The one line logged once the server accepts connections: the host as configured, as in the
     * error messages, with the port really bound (which differs when 0 was configured).
     */
    static String listeningMessage(String programName, ChatConfig config, InetSocketAddress address) {
        return programName + " listening on " + HostPort.format(config.host(), address.getPort())
                + " (name " + config.name() + ", max users " + config.maxUsers() + ")";
    }

    private static String awaitStop(CompletionStage<String> stopRequested) {
        try {
            return stopRequested.toCompletableFuture().get();
        } catch (InterruptedException e) {
            // Shut down anyway, but let close() see the interrupt it may want to honour.
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | CancellationException e) {
            return "stop signal failed: " + describe(e);
        }
    }

    private static String describe(Throwable e) {
        Throwable shown = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return shown.getMessage() != null ? shown.getMessage() : shown.getClass().getSimpleName();
    }
}
