package dev.chatd.cluster;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.room.RoomModel;
import dev.chatd.common.room.RoomModelProvider;
import java.io.IOException;
import java.time.Clock;

/** The cluster's room model, as {@link java.util.ServiceLoader} finds it for a server started with {@code --redis}. */
public final class ClusterModelProvider implements RoomModelProvider {

    @Override
    public RoomModel create(ChatConfig config, Renderer renderer, Clock clock, ChatMetrics metrics) throws IOException {
        return ClusterNode.join(config, renderer, clock, metrics);
    }
}
