package dev.chatd.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Dockerfile read into its instructions, with the few questions the tests ask of it. Comments
 * and line continuations are handled as Docker does; nothing else of the syntax is needed here.
 */
record Dockerfile(List<Instruction> instructions) {

    /** One instruction: its keyword in upper case and the rest of its (joined) line. */
    record Instruction(String keyword, String arguments) {
    }

    /** A stage: its base image and its name (empty when unnamed). */
    record Stage(String image, String name) {
    }

    /** A {@code COPY --from=<stage> <source> <destination>}. */
    record CopyFromStage(String stage, String source, String destination) {

        /** The source with {@code ${ARG}} references replaced by {@code args}. */
        String source(Map<String, String> args) {
            Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(source);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                String value = args.get(name);
                if (value == null) throw new AssertionError("no value for ${" + name + "} in " + source);
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            return m.appendTail(out).toString();
        }
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) continue; // comments, also inside a continued instruction
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String whole = current.toString().strip();
            current.setLength(0);
            if (whole.isEmpty()) continue;
            String[] parts = whole.split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    List<Stage> stages() {
        return all("FROM").stream().map(i -> {
            String[] words = i.arguments().split("\\s+");
            return new Stage(words[0], words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : "");
        }).toList();
    }

    /** The exec-form ENTRYPOINT; fails when there is none or it is in shell form (no SIGTERM for the JVM). */
    List<String> entrypoint() {
        List<Instruction> entrypoints = all("ENTRYPOINT");
        if (entrypoints.size() != 1) throw new AssertionError("expected one ENTRYPOINT, found " + entrypoints.size());
        String arguments = entrypoints.get(0).arguments();
        if (!arguments.startsWith("[")) throw new AssertionError("ENTRYPOINT is in shell form: " + arguments);
        JsonNode array = JsonMapper.builder().build().readTree(arguments);
        List<String> words = new ArrayList<>();
        for (JsonNode word : array) words.add(word.stringValue());
        return words;
    }

    List<CopyFromStage> copiesFromStages() {
        List<CopyFromStage> copies = new ArrayList<>();
        for (Instruction copy : all("COPY")) {
            String[] words = copy.arguments().split("\\s+");
            if (words.length == 3 && words[0].startsWith("--from=")) {
                copies.add(new CopyFromStage(words[0].substring("--from=".length()), words[1], words[2]));
            }
        }
        return copies;
    }

    /** Instructions after the last FROM: what the runtime image is made of. */
    Dockerfile finalStage() {
        int last = instructions.size() - 1;
        while (!instructions.get(last).keyword().equals("FROM")) last--;
        return new Dockerfile(instructions.subList(last, instructions.size()));
    }
}
