package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules Logseq adds to an advanced query that calls them without defining them (those its
 * simple queries are built on): {@code task}, {@code priority}, {@code page-property}, {@code
 * has-page-property}, {@code property}, {@code has-property}, {@code page-ref}, {@code page-tags},
 * {@code all-page-tags}, {@code between}, {@code page}, {@code namespace} and {@code
 * block-content}. The variables {@code ?b} and {@code ?p} stand for a block and a page.
 */
final class BuiltInRules {
    private static final String SOURCE =
            """
            [;; blocks whose marker is one of a set: (task ?b #{"TODO" "DOING"})
             [(task ?b ?markers)
              [?b :block/marker ?marker]
              [(contains? ?markers ?marker)]]
             [(priority ?b ?priorities)
              [?b :block/priority ?priority]
              [(contains? ?priorities ?priority)]]
             ;; a property value is a string, number or boolean, or a set of page names
             [(page-property ?p ?key ?val)
              [?p :block/name]
              [?p :block/properties ?props]
              [(get ?props ?key) ?v]
              (or-join [?v ?val]
                [(= ?v ?val)]
                [(contains? ?v ?val)])]
             [(has-page-property ?p ?key)
              [?p :block/name]
              [?p :block/properties ?props]
              [(get ?props ?key)]]
             [(property ?b ?key ?val)
              [?b :block/properties ?props]
              [(missing? $ ?b :block/name)]
              [(get ?props ?key) ?v]
              (or-join [?v ?val]
                [(= ?v ?val)]
                [(contains? ?v ?val)]
                (and [(str ?val) ?text]
                     [(contains? ?v ?text)]))]
             [(has-property ?b ?key)
              [?b :block/properties ?props]
              [(missing? $ ?b :block/name)]
              [(get ?props ?key)]]
             ;; a reference of the block, of one of its parents, or the block's page
             [(page-ref ?b ?page-name)
              [?b :block/path-refs ?target]
              [?target :block/name ?page-name]]
             [(page-tags ?p ?tags)
              [?p :block/tags ?tag]
              [?tag :block/name ?tag-name]
              [(contains? ?tags ?tag-name)]]
             [(all-page-tags ?p)
              [_ :block/tags ?p]]
             ;; journal days as yyyyMMdd numbers, both ends included
             [(between ?b ?start ?end)
              [?b :block/page ?page]
              [?page :block/journal? true]
              [?page :block/journal-day ?day]
              [(>= ?day ?start)]
              [(<= ?day ?end)]]
             [(page ?b ?page-name)
              [?b :block/page ?page]
              [?page :block/name ?page-name]]
             [(namespace ?p ?ns)
              [?p :block/namespace ?parent]
              [?parent :block/name ?ns]]
             [(block-content ?b ?text)
              [?b :block/content ?content]
              [(clojure.string/includes? ?content ?text)]]]
            """;

    private static final Map<String, List<Rule>> RULES = parse();

    private BuiltInRules() {}

    private static Map<String, List<Rule>> parse() {
        Map<String, List<Rule>> out = new HashMap<>();
        for (Rule r : QueryParser.rules(EdnReader.readFirst(SOURCE))) {
            out.computeIfAbsent(r.name(), k -> new java.util.ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Rule>> e : out.entrySet()) {
            e.setValue(List.copyOf(e.getValue()));
        }
        return Map.copyOf(out);
    }

    /** The definitions of a built-in rule, or null. */
    static List<Rule> named(String name) {
        return RULES.get(name);
    }
}
