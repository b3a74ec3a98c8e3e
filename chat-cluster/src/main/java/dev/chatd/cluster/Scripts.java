package dev.chatd.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletionStage;

/**
 * The Lua scripts that make each room change one atomic step in Redis: the room's {@code seq} is
 * taken with the XADD that puts the event in the room's stream, so stream order is {@code seq}
 * order, and a join or leave changes the member list in the same step. Run by SHA; a Redis that
 * lost its script cache (restarted) gets the script's text instead.
 */
final class Scripts {

    /**
     * KEYS: seq, log, members, rooms. ARGV: op (say, join, leave, nick), maxlen, room, uid, name,
     * flag, then the event's fields. Join: flag is how many history events to return, or -1 for
     * none and no member snapshot. Leave: flag 1 announces it. Returns {seq, id[, members, tail]},
     * {0} when nothing was published, or nil for the leave of someone who is no member (already
     * cleaned up).
     */
    static final Scripts ROOM_EVENT = new Scripts(ScriptOutputType.MULTI, """
            local op = ARGV[1]
            local out = {}
            if op == 'join' then
              local snap = tonumber(ARGV[6])
              if snap >= 0 then
                out[3] = redis.call('HVALS', KEYS[3])
                if snap > 0 then out[4] = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', snap) else out[4] = {} end
              end
              if redis.call('HSET', KEYS[3], ARGV[4], ARGV[5]) == 1 then redis.call('HINCRBY', KEYS[4], ARGV[3], 1) end
            elseif op == 'leave' then
              if redis.call('HDEL', KEYS[3], ARGV[4]) == 0 then return false end
              local left = redis.call('HINCRBY', KEYS[4], ARGV[3], -1)
              if left <= 0 then
                if ARGV[3] ~= 'lobby' then
                  redis.call('HDEL', KEYS[4], ARGV[3])
                  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
                  return {0}
                end
                -- #lobby stays, and keeps its last member's leave among its events (as on one server)
                redis.call('HSET', KEYS[4], 'lobby', 0)
              end
              if ARGV[6] ~= '1' then return {0} end
            elseif op == 'nick' then
              redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
            end
            local seq = redis.call('INCR', KEYS[1])
            out[1] = seq
            out[2] = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 's', seq, unpack(ARGV, 7))
            return out
            """);

    /**
     * KEYS: the recipient's name key. ARGV: from, text, inbox maxlen. Puts the line in the inbox of
     * the holder's node and returns the name as held, or nil when nobody holds it.
     */
    static final Scripts PRIVATE = new Scripts(ScriptOutputType.VALUE, """
            local v = redis.call('GET', KEYS[1])
            if not v then return false end
            local inst, uid, name = string.match(v, '^(%S+) (%S+) (.*)$')
            redis.call('XADD', 'chatd:{n:' .. inst .. '}:inbox', 'MAXLEN', '~', ARGV[3], '*', 'u', uid, 'f', ARGV[1], 't', ARGV[2])
            return name
            """);

    /** KEYS: a name key. ARGV: the holder's value prefix ({@code instance uid }). Deletes it if that holder has it. */
    static final Scripts RELEASE_NAME = new Scripts(ScriptOutputType.INTEGER, """
            local v = redis.call('GET', KEYS[1])
            if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /**
     * KEYS: members, rooms. ARGV: room, then uid, name, uid, name, …: registers a node's members of
     * a room again, without an event (in a Redis that came back empty), counting each new one in the
     * rooms index once, however many nodes do it.
     */
    static final Scripts REGISTER = new Scripts(ScriptOutputType.INTEGER, """
            local added = 0
            for i = 2, #ARGV, 2 do
              if redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then added = added + 1 end
            end
            if added > 0 then redis.call('HINCRBY', KEYS[2], ARGV[1], added) end
            return added
            """);

    /** Every script, to load at start. */
    static final java.util.List<Scripts> ALL = java.util.List.of(ROOM_EVENT, PRIVATE, RELEASE_NAME, REGISTER);

    private final ScriptOutputType output;
    private final String text;
    private final String sha;

    private Scripts(ScriptOutputType output, String text) {
        this.output = output;
        this.text = text;
        this.sha = sha1(text);
    }

    /** Loads the script into Redis's cache (at start and after a reconnect), so that runs by SHA find it. */
    void load(io.lettuce.core.api.sync.RedisCommands<String, String> redis) {
        redis.scriptLoad(text);
    }

    /** Runs the script; the reply is a Long, a String, a List of those, or null. */
    <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        CompletionStage<T> bySha = redis.evalsha(sha, output, keys, args);
        return bySha.handle((reply, failure) -> {
            if (failure == null) return java.util.concurrent.CompletableFuture.completedStage(reply);
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(text, output, keys, args);
            }
            return java.util.concurrent.CompletableFuture.<T>failedStage(cause);
        }).thenCompose(stage -> stage);
    }

    private static String sha1(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
