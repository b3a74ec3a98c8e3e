package dev.chatd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a result as indented JSON to stdout and, if asked, to a file. */
final class ResultWriter {

    private final JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    String toJson(Object result) {
        return mapper.writeValueAsString(result);
    }

    void write(Object result, PrintStream stdout, Optional<Path> file) throws IOException {
        String json = toJson(result) + System.lineSeparator();
        stdout.print(json);
        stdout.flush();
        if (file.isPresent()) Files.writeString(file.get(), json, StandardCharsets.UTF_8);
    }
}
