package dev.chatd.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** docker-compose.yml read with Jackson's YAML parser, with the parts the tests check. */
record ComposeFile(Path file, JsonNode root) {

    static ComposeFile read(Path file) {
        return new ComposeFile(file, YAMLMapper.builder().build().readTree(file));
    }

    /**
     * This file with {@code override} on top, as {@code docker compose -f this -f override} merges
     * them: mappings merge key by key (the override's value wins), anything else is replaced. (Compose
     * appends some sequences, such as {@code ports}; the override files here set none.) Relative
     * paths still resolve from this file's directory, as compose resolves them from the first file's.
     */
    ComposeFile with(ComposeFile override) {
        return new ComposeFile(file, merge(root.deepCopy(), override.root()));
    }

    private static JsonNode merge(JsonNode base, JsonNode top) {
        if (!(base instanceof tools.jackson.databind.node.ObjectNode object) || !top.isObject()) return top;
        top.properties().forEach(e -> object.set(e.getKey(),
                object.has(e.getKey()) ? merge(object.get(e.getKey()), e.getValue()) : e.getValue()));
        return object;
    }

    List<Service> services() {
        List<Service> services = new ArrayList<>();
        root.path("services").properties().forEach(e -> services.add(new Service(this, e.getKey(), e.getValue())));
        return services;
    }

    Service service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name + " in " + file));
    }

    /** One service of the compose file. */
    record Service(ComposeFile compose, String name, JsonNode node) {

        /** The environment, in either of compose's forms (a map, or a list of NAME=value). */
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode environment = node.path("environment");
            if (environment.isArray()) {
                for (JsonNode entry : environment) {
                    String[] kv = entry.asString().split("=", 2);
                    env.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            } else {
                environment.properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
            }
            return env;
        }

        /** Published ports in the short syntax {@code "[IP:]HOST:CONTAINER"}. */
        List<PortMapping> ports() {
            List<PortMapping> ports = new ArrayList<>();
            for (JsonNode port : node.path("ports")) {
                String[] parts = port.asString().split(":");
                if (parts.length == 2) {
                    ports.add(new PortMapping("", Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
                } else if (parts.length == 3) {
                    ports.add(new PortMapping(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
                } else {
                    throw new AssertionError("expected [IP:]HOST:CONTAINER, got " + port.asString());
                }
            }
            return ports;
        }

        Path buildContext() {
            return compose.file().getParent().resolve(node.path("build").path("context").asString()).normalize();
        }

        Path dockerfile() {
            return buildContext().resolve(node.path("build").path("dockerfile").asString("Dockerfile")).normalize();
        }

        Map<String, String> buildArgs() {
            Map<String, String> args = new LinkedHashMap<>();
            node.path("build").path("args").properties().forEach(e -> args.put(e.getKey(), e.getValue().asString()));
            return args;
        }

        /** The healthcheck's {@code test} as an exec-form list, {@code CMD} first. */
        List<String> healthcheck() {
            List<String> words = new ArrayList<>();
            for (JsonNode word : node.path("healthcheck").path("test")) words.add(word.asString());
            return words;
        }

        /** A healthcheck timing ({@code interval}, {@code start_period}, …), or null when unset. */
        Duration healthcheckTiming(String field) {
            JsonNode value = node.path("healthcheck").path(field);
            return value.isMissingNode() ? null : composeDuration(value.asString());
        }

        Duration stopGracePeriod() {
            return composeDuration(node.path("stop_grace_period").asString("10s"));
        }

        String text(String field) {
            return node.path(field).asString("");
        }
    }

    /** A {@code ports:} entry; an empty {@code hostIp} publishes on every interface of the host. */
    record PortMapping(String hostIp, int host, int container) {
    }

    /** Compose's duration syntax: {@code 1m30s}, {@code 15s}, {@code 500ms}, {@code 2h}. */
    static Duration composeDuration(String text) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            end = m.end();
            double amount = Double.parseDouble(m.group(1));
            long nanos = switch (m.group(2)) {
                case "h" -> (long) (amount * 3_600e9);
                case "m" -> (long) (amount * 60e9);
                case "s" -> (long) (amount * 1e9);
                case "ms" -> (long) (amount * 1e6);
                default -> (long) (amount * 1e3);
            };
            total = total.plusNanos(nanos);
        }
        if (end == 0 || end != text.length()) throw new AssertionError("not a compose duration: " + text);
        return total;
    }
}
