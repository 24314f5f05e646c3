package dev.draehi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A whiteboard of draehi's own with every kind of shape, in Logseq's file format: a box, an
 * ellipse, text, an arrow and a line with labels, pencil and highlighter paths, images (a graph
 * asset, a {@code javascript:} URL, an https URL), portals to the page "Whiteboard Target", to its
 * block {@code 6578a0e1-0000-4000-8000-000000000001} and to the unpublished page "Secret Plans",
 * and a YouTube embed in the older format (shape keys in the block's properties). Some text is
 * hostile.
 */
public final class TestWhiteboards {
    /** The block id the block portal shows. */
    public static final String BLOCK_ID = "6578a0e1-0000-4000-8000-000000000001";

    private TestWhiteboards() {}

    /** The text of {@code whiteboards/Every Shape.edn}. */
    public static String everyShape() {
        try (InputStream in = TestWhiteboards.class.getResourceAsStream("every-shape.edn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page the portals show, with the block one of them shows. */
    public static String targetPage() {
        return "- The target page's first block\n"
                + "- A block shown on the board\n  id:: "
                + BLOCK_ID
                + "\n";
    }
}
