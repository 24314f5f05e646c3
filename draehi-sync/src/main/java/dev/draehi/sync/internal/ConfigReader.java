package dev.draehi.sync.internal;

import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.bpsm.edn.Keyword;
import us.bpsm.edn.Symbol;
import us.bpsm.edn.parser.Parseable;
import us.bpsm.edn.parser.Parser;
import us.bpsm.edn.parser.Parsers;

/**
 * Reads {@code logseq/config.edn} with an EDN reader; a broken file gives a warning and defaults.
 */
public final class ConfigReader {
    /** The config file's path relative to the graph root. */
    public static final String PATH = "logseq/config.edn";

    private ConfigReader() {}

    /** Parses config.edn text; problems are added to {@code warnings}. */
    public static LogseqConfig parse(String text, List<SyncWarning> warnings) {
        Object value;
        try {
            Parser parser = Parsers.newParser(Parsers.defaultConfiguration());
            Parseable in = Parsers.newParseable(text);
            value = parser.nextValue(in);
        } catch (RuntimeException e) {
            warnings.add(
                    new SyncWarning(
                            PATH,
                            0,
                            "config.edn is not valid EDN, using defaults: " + e.getMessage()));
            return LogseqConfig.DEFAULTS;
        }
        if (!(value instanceof Map<?, ?> map)) {
            warnings.add(new SyncWarning(PATH, 0, "config.edn is not an EDN map, using defaults"));
            return LogseqConfig.DEFAULTS;
        }
        LogseqConfig d = LogseqConfig.DEFAULTS;

        FileNames.Format nameFormat = d.fileNameFormat();
        Object nf = get(map, "file", "name-format");
        if (nf instanceof Keyword k && k.getName().equals("triple-lowbar")) {
            nameFormat = FileNames.Format.TRIPLE_LOWBAR;
        }
        String titleFormat =
                string(get(map, "journal", "page-title-format"), d.journalTitleFormat());
        String fileFormat =
                string(get(map, "journal", "file-name-format"), d.journalFileNameFormat());

        List<String> hidden = new ArrayList<>();
        if (get(map, null, "hidden") instanceof Collection<?> c) {
            for (Object o : c) {
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
                && h.get(Keyword.newKeyword("page")) instanceof String page
                && !page.isBlank()) {
            home = page.strip();
        }
        boolean journals = bool(get(map, "feature", "enable-journals?"), true);
        boolean propertyPages = bool(get(map, "property-pages", "enabled?"), true);

        Map<String, String> macros = new LinkedHashMap<>();
        if (get(map, null, "macros") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = name(e.getKey());
                if (name != null && e.getValue() instanceof String template) {
                    macros.put(name, template);
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
                macros);
    }

    private static Object get(Map<?, ?> map, String ns, String name) {
        return map.get(ns == null ? Keyword.newKeyword(name) : Keyword.newKeyword(ns, name));
    }

    private static String name(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof Keyword k) {
            return k.getPrefix() == null || k.getPrefix().isEmpty()
                    ? k.getName()
                    : k.getPrefix() + "/" + k.getName();
        }
        if (key instanceof Symbol s) {
            return s.getName();
        }
        return null;
    }

    private static String string(Object o, String fallback) {
        return o instanceof String s && !s.isBlank() ? s : fallback;
    }

    private static boolean bool(Object o, boolean fallback) {
        return o instanceof Boolean b ? b : fallback;
    }
}
