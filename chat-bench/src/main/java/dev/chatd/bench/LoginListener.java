package dev.chatd.bench;

/** Told, on an event loop, how each user's login ends. */
interface LoginListener {

    /** The server has announced the user in #lobby. */
    void loggedIn(BenchUser user);

    /**
     * The user will never be logged in; {@code reason} is a sentence for the person running the
     * generator, {@code kind} what a connect storm counts it as.
     */
    void failed(BenchUser user, Failure kind, String reason);

    /** How a login failed. */
    enum Failure {
        /** The connect itself failed (refused, timed out). */
        CONNECT,
        /** The connection failed after it was made: reset by the server, mostly. */
        RESET,
        /** The server closed the connection before the login was through. */
        CLOSED,
        /** The server sent an error line ({@code ! server is full}, ...) instead of the login. */
        REFUSED
    }
}
