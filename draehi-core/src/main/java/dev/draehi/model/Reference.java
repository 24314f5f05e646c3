package dev.draehi.model;

import java.util.Objects;

/**
 * One entry of the reference index: block {@code sourceUuid} refers to the page or block {@code
 * targetUuid}. Written at sync time so that backlinks are an indexed lookup.
 */
public record Reference(String sourceUuid, String targetUuid, Kind kind) {
    /** How the source refers to the target. */
    public enum Kind {
        /** {@code [[page]]} or {@code [label]([[page]])}, or a property value ref. */
        PAGE,
        /** {@code #tag}, {@code #[[tag]]} or {@code tags::}. */
        TAG,
        /** {@code ((uuid))}. */
        BLOCK,
        /** {@code {{embed [[page]]}}} or {@code {{embed ((uuid))}}}. */
        EMBED
    }

    public Reference {
        Objects.requireNonNull(sourceUuid, "sourceUuid");
        Objects.requireNonNull(targetUuid, "targetUuid");
        Objects.requireNonNull(kind, "kind");
    }
}
