package dev.chatd.bench;

/**
 * What each sender does in one phase of a run.
 *
 * @param messages      messages to send; {@link Integer#MAX_VALUE} when a deadline bounds the phase
 * @param deadlineNanos {@link System#nanoTime()} after which no more are sent; {@link Long#MAX_VALUE} for none
 * @param rate          messages per second; 0 = whenever the connection is writable and the window allows
 * @param window        at full speed, most of a sender's own messages not yet back to it
 */
record SendPlan(int messages, long deadlineNanos, int rate, int window) {
}
