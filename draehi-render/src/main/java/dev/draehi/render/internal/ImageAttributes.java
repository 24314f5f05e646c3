package dev.draehi.render.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.CustomNode;

/** {@code {:height 100, :width 200}} after an image; moved onto the image by the post-processor. */
public final class ImageAttributes extends CustomNode {
    private static final Pattern PAIR = Pattern.compile(":([a-zA-Z-]+)\\s+\"?([0-9]{1,5})\"?");
    private final Map<String, String> attributes = new LinkedHashMap<>();

    ImageAttributes(String payload) {
        Matcher m = PAIR.matcher(payload);
        while (m.find()) {
            String key = m.group(1);
            if (key.equals("height") || key.equals("width")) {
                attributes.put(key, m.group(2));
            }
        }
    }

    /** Only {@code height} and {@code width}, numeric. */
    public Map<String, String> attributes() {
        return attributes;
    }
}
