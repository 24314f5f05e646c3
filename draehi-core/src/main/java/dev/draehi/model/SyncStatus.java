package dev.draehi.model;

import dev.draehi.ValidationException;
import java.util.Locale;

/** {@code git_repositories.sync_status}: where a repository's last sync stands. */
public enum SyncStatus {
    IDLE,
    SYNCING,
    SUCCESS,
    ERROR;

    /**
     * The value stored in the database: {@code idle}, {@code syncing}, {@code success}, {@code
     * error}.
     */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored value; throws {@link ValidationException} for anything else. */
    public static SyncStatus fromDbValue(String value) {
        for (SyncStatus s : values()) {
            if (s.dbValue().equals(value)) {
                return s;
            }
        }
        throw new ValidationException("unknown sync_status '" + value + "'");
    }
}
