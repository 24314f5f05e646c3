package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The content fingerprint of a node: MD5 over its fields, the same whether the server computes it
 * over a stored row ({@link #SQL}) or Java over a {@link Node} ({@link #of}). Not a security
 * boundary: a collision only means that a row is not rewritten.
 */
final class Fingerprint {
    private static final byte[] EMPTY_METADATA =
            Json.metadata(NodeMetadata.EMPTY).getBytes(StandardCharsets.UTF_8);

    /** The fingerprint of a {@code nodes} row {@code n}, as hex MD5, computed by the server. */
    static final String SQL =
            "md5("
                    + sqlField("n.parent_uuid")
                    + " || '|' || n.\"order\" || '|' || "
                    + sqlField("n.page_name")
                    + " || '|' || "
                    + sqlField("n.slug")
                    + " || '|' || "
                    + sqlField("n.title")
                    + " || '|' || "
                    + sqlField("n.html")
                    + " || '|' || "
                    + sqlField("n.metadata::text")
                    + ")";

    /** {@code F(x)}: a field of the fingerprint, length-prefixed so that no two rows collide. */
    private static String sqlField(String column) {
        return "coalesce(octet_length(" + column + ") || ':' || " + column + ", '-')";
    }

    private final MessageDigest md5;

    Fingerprint() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5 in this JVM", e);
        }
    }

    /**
     * Fills {@code metadata[i]} with the metadata JSON of node {@code i} (which COPY sends as is)
     * and {@code fingerprints[2i]}, {@code fingerprints[2i + 1]} with its fingerprint.
     */
    static void ofAll(List<Node> nodes, byte[][] metadata, long[] fingerprints) {
        Fingerprint fp = new Fingerprint();
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        for (int i = 0; i < nodes.size(); i++) {
            metadata[i] = metadata(nodes.get(i), json);
            fp.of(nodes.get(i), metadata[i], fingerprints, 2 * i);
        }
    }

    /**
     * Fills {@code metadata[i]} with the metadata JSON of node {@code i} only: for rows that are
     * written with nothing stored to compare them with.
     */
    static void metadataOf(List<Node> nodes, byte[][] metadata) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        for (int i = 0; i < nodes.size(); i++) {
            metadata[i] = metadata(nodes.get(i), json);
        }
    }

    private static byte[] metadata(Node n, ByteArrayOutputStream json) {
        if (n.metadata().equals(NodeMetadata.EMPTY)) {
            return EMPTY_METADATA;
        }
        json.reset();
        Json.writeMetadata(n.metadata(), json);
        return json.toByteArray();
    }

    /** {@link #SQL} as a pair of longs, as {@link #of} writes it. */
    static long[] parseHex(String hex) {
        return new long[] {
            Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16)
        };
    }

    /** Writes the fingerprint of {@code n} to {@code out[at]} and {@code out[at + 1]}. */
    void of(Node n, byte[] metadataJson, long[] out, int at) {
        md5.reset();
        field(n.parentUuid());
        sep();
        ascii(Integer.toString(n.order()));
        sep();
        field(n.pageName());
        sep();
        field(n.slug());
        sep();
        field(n.title());
        sep();
        field(n.html());
        sep();
        field(metadataJson);
        byte[] d = md5.digest();
        out[at] = longAt(d, 0);
        out[at + 1] = longAt(d, 8);
    }

    private void field(String s) {
        if (s == null) {
            md5.update((byte) '-');
        } else {
            field(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void field(byte[] b) {
        ascii(Integer.toString(b.length));
        md5.update((byte) ':');
        md5.update(b);
    }

    private void sep() {
        md5.update((byte) '|');
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            md5.update((byte) s.charAt(i));
        }
    }

    private static long longAt(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
