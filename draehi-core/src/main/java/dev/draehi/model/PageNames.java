package dev.draehi.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Page identity as Logseq computes it ({@code :block/name}): the title NFC-normalised, lower-cased,
 * with one leading and one trailing {@code /} stripped. {@code [[My Page]]}, {@code [[my page]]}
 * and {@code #[[MY PAGE]]} all name one page.
 */
public final class PageNames {
    private PageNames() {}

    /** The identity of a page name as written. */
    public static String identity(String name) {
        String n = Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (n.startsWith("/")) {
            n = n.substring(1);
        }
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** NFC-normalised and stripped: the form in which page names are stored. */
    public static String normalize(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
    }

    /**
     * True when {@code name} is a namespace page ({@code a/b}): it contains {@code /}, and is not a
     * relative path ({@code ./x}, {@code ../x}) or a URL.
     */
    public static boolean isNamespaced(String name) {
        return name.indexOf('/') > 0
                && !name.startsWith("./")
                && !name.startsWith("../")
                && !name.contains("://");
    }

    /** The namespace parent of {@code a/b/c} ({@code a/b}), or {@code null} for a plain name. */
    public static String namespaceParent(String name) {
        if (!isNamespaced(name)) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        return slash <= 0 ? null : name.substring(0, slash);
    }
}
