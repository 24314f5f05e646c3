package dev.draehi.render.internal;

import java.util.Map;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.AttributeProvider;

/** Puts {@code {:height 100, :width 200}} written after an image onto its {@code <img>}. */
public final class ImageAttributeProvider implements AttributeProvider {
    public static final ImageAttributeProvider INSTANCE = new ImageAttributeProvider();

    private ImageAttributeProvider() {}

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
        if (node instanceof Image && tagName.equals("img")) {
            if (node.getNext() instanceof ImageAttributes) {
                attributes.putAll(((ImageAttributes) node.getNext()).attributes());
            }
            attributes.put("loading", "lazy");
        }
    }
}
