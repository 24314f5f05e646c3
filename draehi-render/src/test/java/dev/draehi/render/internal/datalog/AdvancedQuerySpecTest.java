package dev.draehi.render.internal.datalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every query of {@code advanced-query-spec.md} against the spec's graph and compares what it
 * finds (pages, blocks, values, or why it did not run) with the expected lines.
 */
class AdvancedQuerySpecTest {
    static final String FENCE = "````````````````````````````````";
    static final ZonedDateTime NOW = ZonedDateTime.of(2024, 1, 15, 12, 0, 0, 0, ZoneOffset.UTC);
    static final String QUERY_BLOCK = "6500000d-0000-4000-8000-000000000001";

    record Example(String section, int number, String query, List<String> expected) {
        @Override
        public String toString() {
            return number + " " + section;
        }
    }

    private static String spec;
    private static Graph graph;

    static synchronized String spec() throws IOException {
        if (spec == null) {
            try (InputStream in =
                    AdvancedQuerySpecTest.class.getResourceAsStream("/advanced-query-spec.md")) {
                spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return spec;
    }

    static synchronized Graph graph() throws IOException {
        if (graph == null) {
            String text = spec();
            int start = text.indexOf(FENCE + " graph\n");
            int end = text.indexOf("\n" + FENCE + "\n", start);
            graph = SpecGraph.read(text.substring(start + FENCE.length() + 7, end + 1));
        }
        return graph;
    }

    static List<Example> examples() throws IOException {
        List<Example> out = new ArrayList<>();
        String section = "";
        StringBuilder query = null;
        List<String> expected = null;
        for (String line : spec().split("\n", -1)) {
            if (query == null) {
                if (line.startsWith("#")) {
                    section = line.replaceFirst("^#+\\s*", "");
                } else if (line.equals(FENCE + " example")) {
                    query = new StringBuilder();
                    expected = null;
                }
                continue;
            }
            if (expected == null && line.equals(".")) {
                expected = new ArrayList<>();
            } else if (line.equals(FENCE)) {
                out.add(new Example(section, out.size() + 1, query.toString(), expected));
                query = null;
            } else if (expected == null) {
                query.append(line).append('\n');
            } else {
                expected.add(line);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void findsWhatTheSpecSays(Example example) throws IOException {
        assertThat(found(example.query())).as(example.query()).isEqualTo(example.expected());
    }

    @Test
    void theSpecHasThirtyQueriesOrMore() throws IOException {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(30);
    }

    static List<String> found(String literal) throws IOException {
        Graph g = graph();
        Page dashboard = g.page("Dashboard").orElseThrow();
        Block holder = g.block(QUERY_BLOCK).orElseThrow().block();
        AdvancedQueries.Scope scope = new AdvancedQueries.Scope(g, dashboard, holder, NOW);
        List<String> out = new ArrayList<>();
        AdvancedQueries.Outcome o;
        try {
            o = AdvancedQueries.evaluate(AdvancedQueries.Options.read(literal), scope);
        } catch (QueryNotRunException e) {
            out.add("not run: " + e.getMessage());
            return out;
        } catch (QueryStoppedException e) {
            out.add("stopped: " + e.getMessage());
            return out;
        }
        Facts facts = o.facts();
        if (o.data() != null) {
            for (List<Object> row : o.data()) {
                out.add(
                        "data: "
                                + (row.size() == 1 ? EdnText.str(row.get(0)) : EdnText.print(row)));
            }
        }
        for (int p : o.pages()) {
            Object t = facts.thing(p);
            out.add("page: " + (t instanceof Page page ? page.name() : ((Facts.Stub) t).name()));
        }
        for (int b : o.blocks()) {
            Page page = (Page) facts.thing(facts.pageOf(b));
            String content = (String) facts.values(b, Facts.CONTENT).get(0);
            int nl = content.indexOf('\n');
            out.add(page.name() + " | " + (nl < 0 ? content : content.substring(0, nl)));
        }
        if (out.isEmpty()) {
            out.add("(none)");
        }
        return out;
    }
}
