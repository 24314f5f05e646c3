package dev.draehi.model;

import java.util.Objects;

/**
 * Something in the graph that draehi skipped or repaired, with where it is.
 *
 * @param file the path relative to the graph root, or {@code null} for graph-wide warnings
 * @param line the 1-based line, or 0 when not tied to a line
 */
public record SyncWarning(String file, int line, String message) {
    public SyncWarning {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        if (file == null) {
            return message;
        }
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
