package dev.chatd.common.server;

/**
 * A main class for {@link SignalEndToEndTest}'s child JVM: the real {@link ServerMain} with a fake
 * server that says on stdout when it has started and when it was closed.
 */
public final class FakeServerMain {

    static final String READY = "fake server ready";
    static final String CLOSED = "fake server closed";

    private FakeServerMain() {
    }

    public static void main(String[] args) {
        ServerMain.runAndExit("fake-chatd", args, config -> {
            System.out.println(READY + " as " + config.name());
            System.out.flush();
            return new FakeChatServer(config, () -> {
                System.out.println(CLOSED);
                System.out.flush();
            });
        });
    }
}
