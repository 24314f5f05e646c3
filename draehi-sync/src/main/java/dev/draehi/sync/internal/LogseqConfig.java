package dev.draehi.sync.internal;

import dev.draehi.model.GraphConfig;
import dev.draehi.model.PropertyRules;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code logseq/config.edn} the parser needs.
 *
 * @param allPagesPublic {@code :publishing/all-pages-public?} (or the older {@code
 *     :all-pages-public?}), {@code null} when absent
 * @param hidden the {@code :hidden} path prefixes, normalised without leading or trailing {@code /}
 * @param favorites the {@code :favorites} page names
 * @param journalQueries the {@code :default-queries :journals} query maps
 * @param properties how property keys and values are read; its {@code pagesEnabled} is {@code
 *     propertyPagesEnabled}
 */
public record LogseqConfig(
        FileNames.Format fileNameFormat,
        String journalTitleFormat,
        String journalFileNameFormat,
        List<String> hidden,
        Boolean allPagesPublic,
        String defaultHome,
        boolean journalsEnabled,
        boolean propertyPagesEnabled,
        Map<String, String> macros,
        List<String> favorites,
        List<Object> journalQueries,
        PropertyRules properties) {

    /** A graph without config.edn. */
    public static final LogseqConfig DEFAULTS =
            new LogseqConfig(
                    FileNames.Format.LEGACY,
                    GraphConfig.DEFAULT_JOURNAL_TITLE_FORMAT,
                    JournalDates.DEFAULT_FILE_NAME_FORMAT,
                    List.of(),
                    null,
                    null,
                    true,
                    true,
                    Map.of(),
                    List.of(),
                    List.of(),
                    PropertyRules.DEFAULTS);

    public LogseqConfig {
        hidden = List.copyOf(hidden);
        macros = Map.copyOf(macros);
        favorites = favorites == null ? List.of() : List.copyOf(favorites);
        journalQueries = List.copyOf(journalQueries);
        properties =
                (properties == null ? PropertyRules.DEFAULTS : properties)
                        .withPagesEnabled(propertyPagesEnabled);
    }

    /** What of this configuration the rest of draehi sees. */
    public GraphConfig toGraphConfig() {
        return new GraphConfig(
                defaultHome,
                journalsEnabled,
                journalTitleFormat,
                propertyPagesEnabled,
                macros,
                favorites,
                journalQueries,
                properties);
    }

    /** True when {@code relativePath} lies under one of the {@code :hidden} prefixes. */
    public boolean isHidden(String relativePath) {
        for (String prefix : hidden) {
            if (relativePath.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
