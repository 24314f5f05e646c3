package dev.draehi.store.jdbi.internal;

import dev.draehi.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals credentials (deploy keys, webhook secrets) before they are written and opens them after
 * they are read: AES-GCM with the host's key, stored as {@code draehi:aes-gcm:v1:} and base64 of
 * nonce and ciphertext. Without a key, values are stored as given; sealed values then cannot be
 * opened and say so. Plain values written before a key was set are read as they are.
 */
public final class SecretCodec {
    static final String PREFIX = dev.draehi.model.GitRepository.SEALED_PREFIX;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Stores values as they are. */
    public static final SecretCodec PLAIN = new SecretCodec(null);

    private final SecretKeySpec key;

    private SecretCodec(SecretKeySpec key) {
        this.key = key;
    }

    /** A codec sealing with an AES key of 16, 24 or 32 bytes. */
    public static SecretCodec aes(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException(
                    "the secret key must have 16, 24 or 32 bytes, had " + key.length);
        }
        return new SecretCodec(new SecretKeySpec(key.clone(), "AES"));
    }

    /** The value to store for {@code plain}; {@code null} stays {@code null}. */
    public String seal(String plain) {
        if (plain == null || key == null) {
            return plain;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(
                                    ByteBuffer.allocate(nonce.length + sealed.length)
                                            .put(nonce)
                                            .put(sealed)
                                            .array());
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot encrypt a credential: " + e.getMessage(), e);
        }
    }

    /**
     * The plain value of a stored one.
     *
     * @throws StorageException when it is sealed and there is no key or another key
     */
    public String open(String stored, String what) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new StorageException(
                    what
                            + " is encrypted: configure the secret key (JdbiStorage.Builder.secretKey)",
                    null);
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            byte[] plain = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StorageException(
                    what + " cannot be decrypted: the secret key is not the one it was stored with",
                    null);
        }
    }
}
