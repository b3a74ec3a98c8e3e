package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.RoomContract;

/** The shared room contract, run against the callback server. */
class CallbackRoomTest extends RoomContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
