package dev.draehi.render.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Asset paths as Logseq writes them. */
final class AssetPaths {
    private AssetPaths() {}

    /** {@code ../assets/a%20b.png} → {@code assets/a b.png}; {@code null} when not an asset. */
    static String assetPath(String destination) {
        if (destination == null) {
            return null;
        }
        String d = destination.strip();
        while (d.startsWith("../")) {
            d = d.substring(3);
        }
        while (d.startsWith("./") || d.startsWith("/")) {
            d = d.substring(d.startsWith("./") ? 2 : 1);
        }
        if (!d.startsWith("assets/") || d.length() == 7) {
            return null;
        }
        int cut = d.length();
        for (char c : new char[] {'?', '#'}) {
            int i = d.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        d = d.substring(0, cut);
        if (d.contains("%")) {
            try {
                d = URLDecoder.decode(d.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // keep the raw path: a lone % is a legal file name character
            }
        }
        if (d.contains("..")) {
            return null;
        }
        return d;
    }
}
