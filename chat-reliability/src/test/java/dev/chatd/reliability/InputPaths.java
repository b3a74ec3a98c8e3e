package dev.chatd.reliability;

import java.util.List;
import java.util.Random;

/** Every input path the fuzz test drives. */
final class InputPaths {

    private InputPaths() {
    }

    static List<InputPath> all(Random random) {
        return List.of(new CommonInputPath(), new NettyInputPath(random), new StreamsInputPath());
    }
}
