package dev.draehi.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What of a graph's {@code logseq/config.edn} matters after parsing.
 *
 * @param defaultHome the {@code :default-home} page name, or {@code null}
 * @param journalsEnabled {@code :feature/enable-journals?}, default true
 * @param journalTitleFormat {@code :journal/page-title-format}, default {@code MMM do, yyyy}
 * @param propertyPagesEnabled {@code :property-pages/enabled?}, default true
 * @param macros the user {@code :macros}: name → template with {@code $1}, {@code $2} …
 * @param favorites the {@code :favorites} page names, in the order the graph lists them
 * @param journalQueries the {@code :default-queries :journals} query maps, as read by {@link
 *     dev.draehi.edn.EdnReader}: run at sync time and shown on the journals page
 * @param properties how property keys and values are read ({@code :property-pages/…}, {@code
 *     :property/separated-by-commas}, {@code :ignored-page-references-keywords}); its {@link
 *     PropertyRules#pagesEnabled()} is {@code propertyPagesEnabled}
 */
public record GraphConfig(
        String defaultHome,
        boolean journalsEnabled,
        String journalTitleFormat,
        boolean propertyPagesEnabled,
        Map<String, String> macros,
        List<String> favorites,
        List<Object> journalQueries,
        PropertyRules properties) {

    /** The format Logseq uses when config.edn names none. */
    public static final String DEFAULT_JOURNAL_TITLE_FORMAT = "MMM do, yyyy";

    /** The configuration of a graph without config.edn. */
    public static final GraphConfig DEFAULTS =
            new GraphConfig(
                    null,
                    true,
                    DEFAULT_JOURNAL_TITLE_FORMAT,
                    true,
                    Map.of(),
                    List.of(),
                    List.of(),
                    PropertyRules.DEFAULTS);

    public GraphConfig {
        Objects.requireNonNull(journalTitleFormat, "journalTitleFormat");
        macros = macros == null ? Map.of() : Map.copyOf(macros);
        favorites = favorites == null ? List.of() : List.copyOf(favorites);
        journalQueries = journalQueries == null ? List.of() : List.copyOf(journalQueries);
        properties =
                (properties == null ? PropertyRules.DEFAULTS : properties)
                        .withPagesEnabled(propertyPagesEnabled);
    }

    /** A configuration with Logseq's default property rules. */
    public GraphConfig(
            String defaultHome,
            boolean journalsEnabled,
            String journalTitleFormat,
            boolean propertyPagesEnabled,
            Map<String, String> macros,
            List<String> favorites,
            List<Object> journalQueries) {
        this(
                defaultHome,
                journalsEnabled,
                journalTitleFormat,
                propertyPagesEnabled,
                macros,
                favorites,
                journalQueries,
                null);
    }

    /** A configuration without {@code :favorites} or default queries. */
    public GraphConfig(
            String defaultHome,
            boolean journalsEnabled,
            String journalTitleFormat,
            boolean propertyPagesEnabled,
            Map<String, String> macros) {
        this(
                defaultHome,
                journalsEnabled,
                journalTitleFormat,
                propertyPagesEnabled,
                macros,
                List.of(),
                List.of());
    }
}
