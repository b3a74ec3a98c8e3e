package dev.chatd.bench;

/** Told, on an event loop, how each user's login ends. */
interface LoginListener {

    /** The server has announced the user in #lobby. */
    void loggedIn(BenchUser user);

    /** The user will never be logged in; {@code reason} is a sentence for the person running the generator. */
    void failed(BenchUser user, String reason);
}
