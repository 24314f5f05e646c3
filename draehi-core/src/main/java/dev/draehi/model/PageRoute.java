package dev.draehi.model;

import java.util.Objects;

/**
 * Where a page is served: {@code /{workspace}/{path}}. {@code path} is the page's namespace
 * segments, each slugified, joined by {@code /}; it is unique within a workspace.
 */
public record PageRoute(String path, String pageUuid) {
    public PageRoute {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pageUuid, "pageUuid");
    }
}
