/**
 * The chat-testkit contract suite run against {@link dev.chatd.callback.CallbackServer}: one class
 * per contract, each only naming the server's factory.
 */
package dev.chatd.callback.contract;
