package dev.draehi.store.jdbi.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows to {@code COPY … FROM STDIN (FORMAT binary)}: the fastest way into PostgreSQL
 * (docs/stack.md). Fields go out in PostgreSQL's binary wire form, buffered and sent in chunks.
 */
public final class BinaryCopy implements AutoCloseable {
    private static final byte[] HEADER = {
        'P',
        'G',
        'C',
        'O',
        'P',
        'Y',
        '\n',
        (byte) 0xff,
        '\r',
        '\n',
        0, // signature
        0,
        0,
        0,
        0, // flags
        0,
        0,
        0,
        0 // header extension length
    };
    private static final int FLUSH_AT = 1 << 18;

    private final CopyIn copyIn;
    private byte[] buf = new byte[FLUSH_AT + 4096];
    private int len;
    private boolean done;

    private BinaryCopy(CopyIn copyIn) {
        this.copyIn = copyIn;
    }

    /** Starts {@code COPY table (columns) FROM STDIN (FORMAT binary)} on {@code connection}. */
    public static BinaryCopy start(Connection connection, String table, String columns)
            throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn in =
                pg.getCopyAPI()
                        .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)");
        BinaryCopy copy = new BinaryCopy(in);
        copy.put(HEADER, 0, HEADER.length);
        return copy;
    }

    /**
     * Starts rows that are kept in memory until {@link #copyTo}: encoded on one thread while the
     * connection is busy with something else, then sent at once.
     */
    public static BinaryCopy inMemory() {
        BinaryCopy copy = new BinaryCopy(null);
        copy.put(HEADER, 0, HEADER.length);
        return copy;
    }

    /**
     * Sends the rows of a copy {@link #inMemory} with {@code COPY table (columns) FROM STDIN
     * (FORMAT binary)} on {@code connection}; returns the number of rows PostgreSQL stored.
     */
    public long copyTo(Connection connection, String table, String columns) throws SQLException {
        if (copyIn != null || done) {
            throw new IllegalStateException("not rows in memory, or sent already");
        }
        ensure(2);
        putShort(-1);
        done = true;
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn in =
                pg.getCopyAPI()
                        .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)");
        try {
            for (int off = 0; off < len; off += FLUSH_AT) {
                in.writeToCopy(buf, off, Math.min(FLUSH_AT, len - off));
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back anyway
                }
            }
        }
    }

    /** Starts a row of {@code fields} fields. */
    public void row(int fields) throws SQLException {
        if (copyIn != null && len >= FLUSH_AT) {
            flush();
        }
        ensure(2);
        putShort(fields);
    }

    /** A {@code text} (or {@code json}) field; {@code null} is SQL NULL. */
    public void text(String s) {
        if (s == null) {
            ensure(4);
            putInt(-1);
            return;
        }
        // worst case 3 bytes per UTF-16 unit; encode straight into the buffer when ASCII
        int n = s.length();
        ensure(4 + 3 * n);
        int lenAt = len;
        len += 4;
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            buf[len + i] = (byte) c;
        }
        if (ascii) {
            len += n;
            putIntAt(lenAt, n);
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            putIntAt(lenAt, b.length);
        }
    }

    /** A field of already-encoded UTF-8 bytes. */
    public void utf8(byte[] bytes, int off, int count) {
        ensure(4 + count);
        putInt(count);
        put(bytes, off, count);
    }

    /**
     * A {@code tsvector} field of distinct {@code words}, without positions, in the form {@code
     * tsvectorrecv} reads: the lexeme count, then each lexeme as NUL-terminated UTF-8 and its
     * number of positions, in the server's order (bytes compared unsigned, a prefix first), which
     * spares the server a sort.
     */
    public void tsvector(List<String> words) {
        byte[][] lexemes = new byte[words.size()][];
        int size = 4;
        for (int i = 0; i < lexemes.length; i++) {
            lexemes[i] = words.get(i).getBytes(StandardCharsets.UTF_8);
            size += lexemes[i].length + 3;
        }
        Arrays.sort(lexemes, Arrays::compareUnsigned);
        ensure(4 + size);
        putInt(size);
        putInt(lexemes.length);
        for (byte[] l : lexemes) {
            put(l, 0, l.length);
            buf[len++] = 0;
            putShort(0);
        }
    }

    /** A {@code boolean} field. */
    public void bool(boolean v) {
        ensure(5);
        putInt(1);
        buf[len++] = (byte) (v ? 1 : 0);
    }

    /** An {@code integer} field. */
    public void int4(int v) {
        ensure(8);
        putInt(4);
        putInt(v);
    }

    /** A {@code timestamp} field holding {@code instant} as UTC. */
    public void timestamp(Instant instant) {
        if (instant == null) {
            ensure(4);
            putInt(-1);
            return;
        }
        long v = Timestamps.toPgMicros(instant);
        ensure(12);
        putInt(8);
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** Ends the stream; returns the number of rows PostgreSQL stored. */
    public long finish() throws SQLException {
        ensure(2);
        putShort(-1);
        flush();
        done = true;
        return copyIn.endCopy();
    }

    /** Cancels the COPY unless it finished. */
    @Override
    public void close() {
        if (!done && copyIn != null && copyIn.isActive()) {
            try {
                copyIn.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is rolled back anyway
            }
        }
    }

    private void flush() throws SQLException {
        if (len > 0) {
            copyIn.writeToCopy(buf, 0, len);
            len = 0;
        }
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    private void put(byte[] b, int off, int n) {
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    private void putShort(int v) {
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        putIntAt(len, v);
        len += 4;
    }

    private void putIntAt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }
}
