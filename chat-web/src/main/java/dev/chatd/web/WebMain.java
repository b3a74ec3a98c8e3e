package dev.chatd.web;

import dev.chatd.common.config.HostPort;
import dev.chatd.common.config.ParseOutcome;
import dev.chatd.common.server.ProjectVersion;
import dev.chatd.web.config.WebConfig;
import dev.chatd.web.config.WebConfigParser;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar chat-web.jar [options]}: reads the flags and environment, runs a
 * {@link WebGateway} until SIGTERM or Ctrl-C, then closes it. Exit codes and messages follow the
 * servers': 0 after {@code --help}, {@code --version} or a clean stop; 1 when it cannot listen;
 * 2 for a bad flag or variable.
 */
public final class WebMain {

    static final String PROGRAM = "chat-web";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;

    private static final Logger log = LoggerFactory.getLogger(WebMain.class);
    /** Netty's native transport puts the system call and errno before the operating system's words. */
    private static final Pattern NATIVE_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

    private WebMain() {
    }

    public static void main(String[] args) {
        int code;
        // Installed before the gateway starts, so a Ctrl-C during start still stops it cleanly.
        try (StopSignals signals = StopSignals.install()) {
            code = run(args, System.getenv(), System.out, System.err, signals.received());
        }
        System.exit(code);
    }

    /** Parses, starts, waits for {@code stopRequested}, closes; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                   CompletionStage<String> stopRequested) {
        ParseOutcome<WebConfig> outcome = new WebConfigParser(PROGRAM).parse(args, env);
        OptionalInt answered = outcome.answer(PROGRAM, PROGRAM + " " + ProjectVersion.current() + "\n", out, err);
        if (answered.isPresent()) {
            return answered.getAsInt();
        }
        WebConfig config = ((ParseOutcome.Parsed<WebConfig>) outcome).config();
        WebGateway gateway;
        try {
            gateway = WebGateway.start(config);
        } catch (IOException e) {
            err.println(PROGRAM + ": cannot listen on " + HostPort.format(config.host(), config.port()) + ": " + reason(e));
            err.flush();
            return EXIT_FAILED;
        }
        log.info("{} listening on {} (page {}), upstream {}", PROGRAM, HostPort.format(config.host(), gateway.port()),
                gateway.url(), String.join(",", config.upstreams().stream().map(Object::toString).toList()));
        String why = awaitStop(stopRequested);
        log.info("{} shutting down ({})", PROGRAM, why);
        gateway.close();
        log.info("{} stopped", PROGRAM);
        return EXIT_OK;
    }

    private static String awaitStop(CompletionStage<String> stopRequested) {
        try {
            return stopRequested.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "stop signal failed: " + e.getCause();
        }
    }

    /** The operating system's reason in the servers' words: "address already in use". */
    static String reason(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) return e.getClass().getSimpleName();
        String text = NATIVE_PREFIX.matcher(message.strip()).replaceFirst("");
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            text = text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}
