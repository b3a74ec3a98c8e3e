package dev.chatd.bench.report;

import java.util.Optional;

/**
 * The kinds of run in the standard suite, named as {@code bench/run-suite.sh} names its result
 * files ({@code <name>-<users>-r<repeat>.json}).
 */
public enum RunKind {
    /** Ten senders as fast as the server takes them: deliveries per second. */
    FANOUT("fanout", "fan-out, full speed"),
    /** Ten senders at 20 messages/s each: latency. */
    LATENCY("latency", "latency, 10 × 20 msg/s"),
    /** Ten senders at 10 messages/s each: latency at the rate issue 12 holds 5,000 users to. */
    LATENCY_10("latency10", "latency, 10 × 10 msg/s"),
    /** 10,000 users, ten senders at 10 messages/s each for 30 s: the C10k target. */
    C10K("c10k", "C10k, 10 × 10 msg/s, 30 s"),
    /** Users logged in and held: login time and memory per user. */
    IDLE("idle", "idle, logged in"),
    /** A connect storm: connections opened at 2,000/s, each logging in as soon as it is prompted. */
    STORM_2000("storm2000", "connect storm, 2,000/s"),
    /** The same storm at 5,000 connections/s. */
    STORM_5000("storm5000", "connect storm, 5,000/s");

    private final String fileName;
    private final String label;

    RunKind(String fileName, String label) {
        this.fileName = fileName;
        this.label = label;
    }

    /** The name used in result file names. */
    public String fileName() {
        return fileName;
    }

    /** How the run is described in tables. */
    public String label() {
        return label;
    }

    /** Whether the run sends chat lines (so has deliveries and latency). */
    public boolean sends() {
        return this == FANOUT || this == LATENCY || this == LATENCY_10 || this == C10K;
    }

    /** Whether the run is a connect storm (chat-bench {@code idle --connect-rate}). */
    public boolean storm() {
        return this == STORM_2000 || this == STORM_5000;
    }

    /** The kind a result file name starts with. */
    public static Optional<RunKind> ofFileName(String name) {
        for (RunKind kind : values()) {
            if (kind.fileName.equals(name)) return Optional.of(kind);
        }
        return Optional.empty();
    }
}
