package dev.chatd.common.room;

/**
 * Where an admitted connection stands in the hub: still at the name prompt, or logged in. The
 * shutdown walk tells each what it needs (in text at the prompt, in the user's format after).
 */
sealed interface Admission permits AtPrompt, Admission.LoggedIn {

    /** The connection has a name: it is this user. */
    record LoggedIn(User user) implements Admission {}
}
