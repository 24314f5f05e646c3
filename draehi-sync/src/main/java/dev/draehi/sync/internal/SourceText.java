package dev.draehi.sync.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns file bytes into lines: UTF-8 (invalid bytes replaced), BOM dropped, CRLF and CR as LF. */
public final class SourceText {
    private SourceText() {}

    /** The decoded text, and the 1-based line of the first invalid byte (0 when valid). */
    public record Decoded(String text, int badLine) {}

    /** Decodes UTF-8, replacing invalid sequences with U+FFFD, and strips a leading BOM. */
    public static Decoded decode(byte[] bytes) {
        CharsetDecoder strict =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = strict.decode(in, out, true);
        if (!result.isError()) {
            result = strict.flush(out);
        }
        String text;
        int badLine = 0;
        if (result.isError()) {
            int offset = in.position();
            badLine = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    badLine++;
                }
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } else {
            out.flip();
            text = out.toString();
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new Decoded(text, badLine);
    }

    /** Splits text into lines on LF, CRLF or a lone CR; no trailing empty line for a final LF. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
