package dev.chatd.common.render;

/** How lines to one user are written: the plain text lines, or one JSON object per line after {@code /json}. */
public enum OutputFormat {
    TEXT,
    JSON
}
