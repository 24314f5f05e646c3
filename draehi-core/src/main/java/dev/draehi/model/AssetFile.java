package dev.draehi.model;

import java.util.Objects;

/**
 * A published asset's bytes, as stored: content-addressed by SHA-256, so a file used by many pages
 * or workspaces is stored once.
 *
 * @param path the path relative to the graph root, e.g. {@code assets/diagram.png}
 * @param sha256 64 hex digits of the content's SHA-256
 * @param contentType the media type served with it
 */
public record AssetFile(String path, String sha256, String contentType, byte[] content) {
    public AssetFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssetFile a
                && path.equals(a.path)
                && sha256.equals(a.sha256)
                && contentType.equals(a.contentType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, sha256, contentType);
    }

    @Override
    public String toString() {
        return "AssetFile[path=" + path + ", sha256=" + sha256 + ", " + content.length + " bytes]";
    }
}
