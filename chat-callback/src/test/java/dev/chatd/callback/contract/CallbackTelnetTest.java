package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.TelnetContract;

/** The shared telnet contract, run against the callback server. */
class CallbackTelnetTest extends TelnetContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
