package dev.draehi.model;

import dev.draehi.ValidationException;
import java.util.Locale;

/** {@code deployment_history.status}: {@code pending → building → success | failed}. */
public enum DeploymentStatus {
    PENDING,
    BUILDING,
    SUCCESS,
    FAILED;

    /** The value stored in the database, lower case. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for {@link #SUCCESS} and {@link #FAILED}: nothing moves a finished deployment. */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILED;
    }

    /** Parses a stored value; throws {@link ValidationException} for anything else. */
    public static DeploymentStatus fromDbValue(String value) {
        for (DeploymentStatus s : values()) {
            if (s.dbValue().equals(value)) {
                return s;
            }
        }
        throw new ValidationException("unknown deployment status '" + value + "'");
    }
}
