package dev.draehi.store.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The seed's columns are {@code timestamp} without time zone; draehi stores UTC in them and binds
 * {@link LocalDateTime}, so that neither the JVM's nor the session's time zone shifts a value.
 */
public final class Timestamps {
    /** 2000-01-01T00:00:00Z in microseconds since the epoch: PostgreSQL's binary epoch. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private Timestamps() {}

    /** The UTC wall-clock of {@code instant}, or {@code null}. */
    public static LocalDateTime toDb(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The instant stored in column {@code column}, or {@code null}. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** {@code instant} in COPY binary form: microseconds since 2000-01-01 UTC. */
    public static long toPgMicros(Instant instant) {
        long micros =
                Math.addExact(
                        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                        instant.getNano() / 1_000);
        return micros - PG_EPOCH_MICROS;
    }
}
