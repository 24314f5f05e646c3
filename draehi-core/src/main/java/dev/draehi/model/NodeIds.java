package dev.draehi.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic node uuids: the first 32 hex digits of SHA-256 of a key, written 8-4-4-4-12.
 *
 * <pre>{@code
 * NodeIds.pageUuid(1, "My Page");   // e1a203ef-5639-0270-fe43-e29608b1241f
 * }</pre>
 *
 * Every key starts with the workspace id, so one graph can be stored in many workspaces of one
 * database.
 */
public final class NodeIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private NodeIds() {}

    /** The uuid of page {@code pageName}: hash of {@code "{workspaceId}::{pageName}"}. */
    public static String pageUuid(long workspaceId, String pageName) {
        return hashUuid(workspaceId + "::" + pageName);
    }

    /** The uuid of a block with an {@code id::} property: hash of {@code "{workspaceId}::{id}"}. */
    public static String blockUuid(long workspaceId, String logseqId) {
        return hashUuid(workspaceId + "::" + logseqId);
    }

    /**
     * The uuid of a block without {@code id::}: hash of {@code
     * "{workspaceId}::{pageName}::{content}::{position}"}, position being the 0-based index of the
     * block in its page, in document order.
     */
    public static String blockUuid(
            long workspaceId, String pageName, String content, int position) {
        return hashUuid(workspaceId + "::" + pageName + "::" + content + "::" + position);
    }

    /** The first 32 hex digits of SHA-256 of {@code key}, as 8-4-4-4-12. */
    public static String hashUuid(String key) {
        byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
