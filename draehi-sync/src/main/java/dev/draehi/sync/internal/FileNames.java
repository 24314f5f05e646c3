package dev.draehi.sync.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Page titles from file names, per {@code :file/name-format}. */
public final class FileNames {
    private FileNames() {}

    /** A graph's {@code :file/name-format}. */
    public enum Format {
        /** The default when config.edn names none: dots are namespace separators. */
        LEGACY,
        /** {@code :triple-lowbar}: {@code ___} separates namespaces. */
        TRIPLE_LOWBAR
    }

    /** The file name without directories and without its last extension. */
    public static String body(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The extension after the last dot, lower-cased, or empty. */
    public static String extension(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** The page title that a file name body stands for. */
    public static String decodeTitle(String body, Format format) {
        return format == Format.TRIPLE_LOWBAR ? decodeTripleLowbar(body) : decodeLegacy(body);
    }

    /**
     * {@code ___} → {@code /}; each ASCII {@code %XX} decoded on its own (others stay); empty
     * namespace segments dropped.
     */
    static String decodeTripleLowbar(String body) {
        String s = body.replace("___", "/");
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0 && hi < 8) {
                    sb.append((char) (hi * 16 + lo));
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        if (sb.indexOf("/") < 0) {
            return sb.toString();
        }
        StringBuilder out = new StringBuilder(sb.length());
        for (String seg : sb.toString().split("/", -1)) {
            if (!seg.isEmpty()) {
                if (out.length() > 0) {
                    out.append('/');
                }
                out.append(seg);
            }
        }
        return out.length() == 0 ? sb.toString() : out.toString();
    }

    /**
     * Every {@code .} → {@code /}, then URL-decode the whole name (the undecoded name if that
     * fails).
     */
    static String decodeLegacy(String body) {
        String s = body.replace('.', '/');
        return percentDecode(s);
    }

    /**
     * Strict percent-decoding as UTF-8 ({@code +} stays); the input itself when it is malformed.
     */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '%') {
                if (i + 2 >= utf8.length) {
                    return s;
                }
                int hi = Character.digit(utf8[i + 1], 16);
                int lo = Character.digit(utf8[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return s;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }
}
