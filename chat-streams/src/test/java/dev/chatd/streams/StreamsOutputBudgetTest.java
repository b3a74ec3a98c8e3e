package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.OutputBudgetContract;

/** The output-budget contract against the streams server. */
class StreamsOutputBudgetTest extends OutputBudgetContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
