package dev.chatd.web.bridge;

/** Fired through every browser channel's pipeline when the gateway stops, so each bridge closes both of its ends. */
public enum GatewayShutdown {
    INSTANCE
}
