package dev.draehi.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads commonmark-style spec examples: a fence, the source, a line {@code .}, the HTML, a fence.
 */
final class ExampleReader {
    static final String FENCE = "````````````````````````````````";

    /**
     * One example; {@code info} is what follows {@code example} on the fence line (e.g. {@code
     * org}).
     */
    record Example(String section, int number, String info, String source, String html) {
        @Override
        public String toString() {
            return number + " " + section + (info.isEmpty() ? "" : " [" + info + "]");
        }
    }

    private ExampleReader() {}

    static List<Example> read(String resource) {
        String text;
        try (InputStream in = ExampleReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> out = new ArrayList<>();
        String section = "";
        String info = null;
        StringBuilder source = null;
        StringBuilder html = null;
        for (String line : text.split("\n", -1)) {
            if (info == null) {
                if (line.startsWith("#")) {
                    section = line.replaceFirst("^#+\\s*", "");
                } else if (line.startsWith(FENCE + " example")) {
                    info = line.substring((FENCE + " example").length()).strip();
                    source = new StringBuilder();
                    html = null;
                }
                continue;
            }
            if (html == null && line.equals(".")) {
                html = new StringBuilder();
            } else if (line.equals(FENCE)) {
                out.add(new Example(section, out.size() + 1, info, tabs(source), tabs(html)));
                info = null;
            } else if (html == null) {
                source.append(line).append('\n');
            } else {
                html.append(line).append('\n');
            }
        }
        return out;
    }

    private static String tabs(StringBuilder sb) {
        return sb.toString().replace('\u2192', '\t');
    }
}
