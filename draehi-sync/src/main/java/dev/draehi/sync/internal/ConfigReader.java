package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.edn.EdnReader;
import dev.draehi.edn.EdnReader.EdnException;
import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.edn.EdnReader.Symbol;
import dev.draehi.model.PropertyRules;
import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code logseq/config.edn} as Logseq reads it ({@link EdnReader}). A config Logseq could not
 * read fails closed: the sync stops with the file, line and reason, because defaults could publish
 * what the config hides.
 */
public final class ConfigReader {
    /** The config file's path relative to the graph root. */
    public static final String PATH = "logseq/config.edn";

    private ConfigReader() {}

    /**
     * Parses config.edn text; values of the wrong type are added to {@code warnings} and their
     * defaults used. Text without a form (empty, or only comments) is the defaults, as for Logseq.
     *
     * @throws SyncException with {@link SyncException.Reason#INVALID_CONFIG} when the text is not
     *     EDN as Logseq reads it, or its first form is not a map
     */
    public static LogseqConfig parse(String text, List<SyncWarning> warnings) {
        Object value;
        try {
            value = EdnReader.readFirst(text);
        } catch (EdnException e) {
            throw unreadable(e.line(), e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        if (value == null) {
            return LogseqConfig.DEFAULTS;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw unreadable(1, "the config is not a map but " + describe(value));
        }
        LogseqConfig d = LogseqConfig.DEFAULTS;

        FileNames.Format nameFormat = d.fileNameFormat();
        Object nf = get(map, "file", "name-format");
        if (nf instanceof Keyword k && k.ns() == null && k.name().equals("triple-lowbar")) {
            nameFormat = FileNames.Format.TRIPLE_LOWBAR;
        }
        String titleFormat =
                string(map, "journal", "page-title-format", d.journalTitleFormat(), warnings);
        String fileFormat =
                string(map, "journal", "file-name-format", d.journalFileNameFormat(), warnings);

        List<String> hidden = new ArrayList<>();
        Object hiddenValue = get(map, null, "hidden");
        if (hiddenValue != null && !(hiddenValue instanceof Collection<?>)) {
            // what it hides is unknown: publishing with none hidden could publish it
            throw unreadable(1, ":hidden is " + describe(hiddenValue) + ", not a vector of paths");
        }
        if (hiddenValue instanceof Collection<?> c) {
            for (Object o : c) {
                if (!(o instanceof String)) {
                    warnings.add(new SyncWarning(PATH, 0, ":hidden entry " + o + " is not a path"));
                }
                if (o instanceof String s) {
                    String p = s.strip();
                    while (p.startsWith("/")) {
                        p = p.substring(1);
                    }
                    while (p.endsWith("/")) {
                        p = p.substring(0, p.length() - 1);
                    }
                    if (!p.isEmpty()) {
                        hidden.add(p);
                    }
                }
            }
        }

        Object pub = get(map, "publishing", "all-pages-public?");
        if (pub == null) {
            pub = get(map, null, "all-pages-public?");
        }
        Boolean allPublic = pub instanceof Boolean b ? b : null;

        String home = null;
        if (get(map, null, "default-home") instanceof Map<?, ?> h
                && h.get(new Keyword(null, "page")) instanceof String page
                && !page.isBlank()) {
            home = page.strip();
        }
        boolean journals = bool(map, "feature", "enable-journals?", true, warnings);
        boolean propertyPages = bool(map, "property-pages", "enabled?", true, warnings);

        Map<String, String> macros = new LinkedHashMap<>();
        if (get(map, null, "macros") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = name(e.getKey());
                if (name != null && e.getValue() instanceof String template) {
                    macros.put(name, template);
                }
            }
        }
        List<Object> journalQueries = new ArrayList<>();
        if (get(map, null, "default-queries") instanceof Map<?, ?> dq
                && dq.get(new Keyword(null, "journals")) instanceof Collection<?> qs) {
            for (Object q : qs) {
                if (q instanceof Map<?, ?>) {
                    journalQueries.add(q);
                } else {
                    warnings.add(
                            new SyncWarning(
                                    PATH,
                                    0,
                                    ":default-queries :journals entry is "
                                            + describe(q)
                                            + ", not a query map; left out"));
                }
            }
        }
        return new LogseqConfig(
                nameFormat,
                titleFormat,
                fileFormat,
                hidden,
                allPublic,
                home,
                journals,
                propertyPages,
                macros,
                favorites(map),
                journalQueries,
                new PropertyRules(
                        propertyPages,
                        keys(map, "property-pages", "excludelist", warnings),
                        keys(map, "property", "separated-by-commas", warnings),
                        keys(map, null, "ignored-page-references-keywords", warnings)));
    }

    /**
     * The property keys of a set (or vector) of keywords, such as {@code
     * :property/separated-by-commas #{:genre :cast}}; none, with a warning, when it is no
     * collection.
     */
    private static Set<String> keys(
            Map<?, ?> map, String ns, String name, List<SyncWarning> warnings) {
        Object o = get(map, ns, name);
        if (o == null) {
            return Set.of();
        }
        if (!(o instanceof Collection<?> c)) {
            warnings.add(wrongType(ns, name, o, "a set of keywords"));
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object k : c) {
            String key = name(k);
            if (key != null && !key.isBlank()) {
                out.add(key.strip());
            }
        }
        return out;
    }

    /** The {@code :favorites} page names, each once, in their order; none when it is no list. */
    private static List<String> favorites(Map<?, ?> map) {
        List<String> out = new ArrayList<>();
        if (get(map, null, "favorites") instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s && !s.isBlank() && !out.contains(s.strip())) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** A failure that names the file, the line and what Logseq's reader would say. */
    public static SyncException unreadable(int line, String reason) {
        return new SyncException(
                SyncException.Reason.INVALID_CONFIG,
                PATH
                        + ":"
                        + line
                        + ": cannot read the graph's config ("
                        + reason
                        + "); nothing was published, the site stays as it was");
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "a list or vector";
        }
        if (value instanceof java.util.Set<?>) {
            return "a set";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return value instanceof String ? "a string" : value.toString();
    }

    private static Object get(Map<?, ?> map, String ns, String name) {
        return map.get(new Keyword(ns, name));
    }

    private static String name(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Keyword k) {
            return k.ns() == null ? k.name() : k.ns() + "/" + k.name();
        }
        if (key instanceof Symbol s) {
            return s.name();
        }
        return null;
    }

    private static String string(
            Map<?, ?> map, String ns, String name, String fallback, List<SyncWarning> warnings) {
        Object o = get(map, ns, name);
        if (o instanceof String s && !s.isBlank()) {
            return s;
        }
        if (o != null) {
            warnings.add(wrongType(ns, name, o, "a string"));
        }
        return fallback;
    }

    private static boolean bool(
            Map<?, ?> map, String ns, String name, boolean fallback, List<SyncWarning> warnings) {
        Object o = get(map, ns, name);
        if (o instanceof Boolean b) {
            return b;
        }
        if (o != null) {
            warnings.add(wrongType(ns, name, o, "true or false"));
        }
        return fallback;
    }

    private static SyncWarning wrongType(String ns, String name, Object value, String expected) {
        return new SyncWarning(
                PATH,
                0,
                new Keyword(ns, name)
                        + " is "
                        + describe(value)
                        + ", not "
                        + expected
                        + "; using the default");
    }
}
