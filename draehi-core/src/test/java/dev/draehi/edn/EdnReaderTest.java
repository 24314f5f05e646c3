package dev.draehi.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.draehi.edn.EdnReader.EdnException;
import dev.draehi.edn.EdnReader.Keyword;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EdnReaderTest {

    record Case(String input, String expected) {
        @Override
        public String toString() {
            return "«" + input.replace("\n", "\\n") + "»";
        }
    }

    /**
     * What ClojureScript's {@code cljs.reader/read-string} (the reader Logseq reads config.edn
     * with) gives for each input, printed with {@code pr-str}: see {@code
     * edn/cljs-reader-cases.txt}.
     */
    static Stream<Case> cljsReaderCases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (InputStream in =
                EdnReaderTest.class.getResourceAsStream("/edn/cljs-reader-cases.txt")) {
            List<String> lines =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                assertThat(lines.get(i)).startsWith("IN  ");
                assertThat(lines.get(i + 1)).startsWith("OUT ");
                cases.add(
                        new Case(
                                json.readValue(lines.get(i).substring(4), String.class),
                                lines.get(i + 1).substring(4)));
            }
        }
        assertThat(cases).hasSizeGreaterThan(75);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cljsReaderCases")
    void readsWhatLogseqsReaderReadsAndRefusesWhatItRefuses(Case c) {
        if (c.expected().startsWith("ERROR ")) {
            assertThatThrownBy(() -> EdnReader.readFirst(c.input()))
                    .as("cljs.reader refuses it: %s", c.expected())
                    .isInstanceOf(EdnException.class);
            return;
        }
        Object value = EdnReader.readFirst(c.input());
        if (c.expected().startsWith("#inst ") || c.expected().startsWith("#uuid ")) {
            assertThat(value).isInstanceOf(String.class);
            return;
        }
        assertThat(print(value)).isEqualTo(c.expected());
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> EdnReader.readFirst("{:a 1\n :b 2\n :c #foo 3}"))
                .isInstanceOf(EdnException.class)
                .hasMessage("line 3: No reader function for tag foo")
                .extracting(e -> ((EdnException) e).line())
                .isEqualTo(3);
        assertThatThrownBy(() -> EdnReader.readFirst("{:a [1 2\n\n"))
                .hasMessageStartingWith("line 1: EOF while reading");
    }

    @Test
    void listsAreToldApartFromVectors() {
        List<?> query = (List<?>) EdnReader.readFirst("[:find (pull ?b [*])]");
        assertThat(query.get(1)).isInstanceOf(EdnReader.Seq.class);
        assertThat(((List<?>) query.get(1)).get(2)).isNotInstanceOf(EdnReader.Seq.class);
        assertThat(query.get(0)).isEqualTo(new Keyword(null, "find"));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        assertThatThrownBy(() -> EdnReader.readFirst("[".repeat(100_000)))
                .isInstanceOf(EdnException.class)
                .hasMessageContaining("nested");
    }

    /** {@code pr-str} as ClojureScript prints the same value. */
    static String print(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof String s) {
            return '"'
                    + s.replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("\n", "\\n")
                            .replace("\t", "\\t")
                    + '"';
        }
        if (v instanceof Character ch) {
            return print(String.valueOf(ch));
        }
        if (v instanceof Double d) {
            if (d.isInfinite()) {
                return d > 0 ? "##Inf" : "##-Inf";
            }
            return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof EdnReader.Seq l) {
            return l.stream().map(EdnReaderTest::print).collect(Collectors.joining(" ", "(", ")"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(EdnReaderTest::print).collect(Collectors.joining(" ", "[", "]"));
        }
        if (v instanceof Set<?> s) {
            return s.stream().map(EdnReaderTest::print).collect(Collectors.joining(" ", "#{", "}"));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream()
                    .map(e -> print(e.getKey()) + " " + print(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return v.toString();
    }
}
