package dev.chatd.common.room;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * Admission and shutdown: which connections the server has taken (up to its maximum), where each
 * stands ({@link Admission}), and the one moment shutdown begins.
 *
 * <p>Why a read-write lock: admitting a connection and logging a user in each check "not shutting
 * down" and act under the read lock, which they share, so neither waits for the other; beginning
 * shutdown takes the write lock to set the flag. So every admission and login either completed
 * before shutdown began, and the shutdown walk finds it, or sees the flag and does nothing.
 */
final class Admissions {

    private final int maxUsers;
    private final AtomicInteger slots = new AtomicInteger();
    private final Map<Connection, Admission> admitted = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean shuttingDown;

    Admissions(int maxUsers) {
        this.maxUsers = maxUsers;
    }

    /** Takes the connection at the prompt if there is room and shutdown has not begun. */
    boolean admit(Connection connection, AtPrompt prompt) {
        lock.readLock().lock();
        try {
            if (shuttingDown) return false;
            if (slots.incrementAndGet() > maxUsers) {
                slots.decrementAndGet();
                return false;
            }
            admitted.put(connection, prompt);
            return true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Frees the connection's slot; true if it held one. */
    boolean release(Connection connection) {
        if (admitted.remove(connection) == null) return false;
        slots.decrementAndGet();
        return true;
    }

    /**
     * Marks the connection logged in as {@code user} and runs {@code enter} (its entry into the
     * lobby), both only if shutdown has not begun; false if it has.
     */
    boolean logIn(Connection connection, User user, Runnable enter) {
        lock.readLock().lock();
        try {
            if (shuttingDown) return false;
            admitted.replace(connection, new Admission.LoggedIn(user));
            enter.run();
            return true;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Where an admitted connection stands; null if it is not admitted. */
    Admission get(Connection connection) {
        return admitted.get(connection);
    }

    /** Connections admitted and not yet released. */
    int count() {
        return slots.get();
    }

    /**
     * Begins shutdown, once: true for the one call that did. Every admission and login still
     * under way finishes first.
     */
    boolean beginShutdown() {
        lock.writeLock().lock();
        try {
            if (shuttingDown) return false;
            shuttingDown = true;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Walks every admitted connection; after {@link #beginShutdown} the set can only shrink. */
    void forEach(BiConsumer<Connection, Admission> action) {
        admitted.forEach(action);
    }
}
