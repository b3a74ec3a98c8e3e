package dev.chatd.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * The figures the report uses from one chat-bench result; a figure the run did not produce is null.
 *
 * @param deliveriesPerSecond lines delivered per second over the measured phase
 * @param lost                messages some user never got
 * @param generatorCores      cores the load generator itself used (CPU seconds over wall seconds)
 * @param serverCores         cores the server used over the same time
 * @param loginSeconds        from the first connect to the last login
 * @param heapBytesPerUser    growth of the server's live heap (after a full GC) per logged-in user
 * @param rssBytesPerUser     growth of the server's resident memory per logged-in user, once the login storm settled
 * @param peakRssBytes        the server's peak resident memory (VmHWM) by the end of the run
 * @param gatewayCores        cores the web gateway used, for runs through it
 * @param gatewayMicrosPerDelivery the gateway's CPU time per delivered line, in microseconds
 * @param storm               how every connection of a connect storm fared
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(RunId id, boolean ok, String error, Double deliveriesPerSecond, Double p50Ms, Double p99Ms,
                        Double p999Ms, Double maxMs, Long lost, Double generatorCores, Double serverCores,
                        Double loginSeconds, Double loginsPerSecond, Long heapBytesPerUser, Long rssBytesPerUser,
                        Long peakRssBytes, Double gatewayCores, Double gatewayMicrosPerDelivery, StormCounts storm) {

    /** The raw results directory of runs through the web gateway (to the callback server). */
    public static final String WEB = "web";

    /** Whether the run went through the web gateway. */
    public boolean viaGateway() {
        return WEB.equals(id.server());
    }

    /** Reads a {@code fanout} or {@code idle} result as chat-bench writes it. */
    public static RunResult from(RunId id, JsonNode json) {
        JsonNode delivery = json.path("delivery");
        JsonNode latency = json.path("latency");
        JsonNode memory = json.path("serverMemory");
        JsonNode login = json.path("login");
        JsonNode error = json.path("error");
        return new RunResult(id, json.path("ok").asBoolean(false), error.isString() ? error.asString() : null,
                number(delivery.path("perSecond")),
                number(latency.path("p50Ms")), number(latency.path("p99Ms")), number(latency.path("p999Ms")),
                number(latency.path("maxMs")),
                integer(delivery.path("lost")),
                number(json.path("generatorCpu").path("coresUsed")), number(json.path("serverCpu").path("coresUsed")),
                number(login.path("seconds")), number(login.path("perSecond")),
                integer(memory.path("liveHeapBytesPerUser")), integer(memory.path("rssBytesPerUser")),
                memory.has("peakRssBytes") ? integer(memory.path("peakRssBytes")) : integer(json.path("serverPeakRssBytes")),
                number(json.path("gatewayCpu").path("coresUsed")), number(json.path("gatewayCpuMicrosPerDelivery")),
                StormCounts.from(json.path("storm")));
    }

    /**
     * The figure the median is taken on: deliveries/s at full speed, p99 for paced runs, heap per
     * user when idle, login time for a connect storm.
     */
    public Double key() {
        switch (id.kind()) {
            case STORM_2000:
            case STORM_5000:
                return loginSeconds;
            case FANOUT:
                return deliveriesPerSecond;
            case LATENCY:
            case LATENCY_10:
            case C10K:
                return p99Ms;
            default:
                return heapBytesPerUser == null ? loginSeconds : Double.valueOf(heapBytesPerUser);
        }
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static Long integer(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }
}
