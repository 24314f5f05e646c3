package dev.draehi.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file under the graph's {@code assets/} that a page links to.
 *
 * @param path the path relative to the graph root, with {@code /}, e.g. {@code assets/a b.png}
 * @param file where its bytes are on disk (inside the checkout)
 * @param size its size in bytes
 */
public record Asset(String path, Path file, long size) {
    public Asset {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
    }
}
