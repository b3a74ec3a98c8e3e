package dev.chatd.common.room;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.render.Renderer;
import java.io.IOException;
import java.time.Clock;
import java.util.ServiceLoader;

/**
 * The seam through which a server finds the cluster's room model without naming it: chat-cluster
 * lists its implementation in {@code META-INF/services}, the server jars carry chat-cluster, and
 * {@link ChatHub#forConfig} asks for it only when {@code --redis} is given. So chat-common holds no
 * cluster types, and a stand-alone server loads no cluster class.
 */
public interface RoomModelProvider {

    /**
     * Joins the cluster {@code config.redis()} names and returns its room model.
     *
     * @throws IOException when the cluster cannot be joined
     */
    RoomModel create(ChatConfig config, Renderer renderer, Clock clock, ChatMetrics metrics) throws IOException;

    /** The provider on the class path; an {@link IOException} if there is none (a build without chat-cluster). */
    static RoomModelProvider find() throws IOException {
        return ServiceLoader.load(RoomModelProvider.class).findFirst()
                .orElseThrow(() -> new IOException("--redis needs chat-cluster, which this build does not include"));
    }
}
