package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.testing.DocsGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishes the Logseq documentation graph as a user does, and checks the site it writes. */
class PublishCommandTest {
    static final Path DOCS = DocsGraph.path();

    @TempDir static Path work;
    static Path out;
    static int exit;
    static String stderr;

    @BeforeAll
    static void publishTheDocsGraph() {
        out = work.resolve("site");
        Run r =
                run(
                        "publish",
                        DOCS.toString(),
                        "--out",
                        out.toString(),
                        "--checkout-dir",
                        work.resolve("co").toString());
        exit = r.exit;
        stderr = r.err;
    }

    record Run(int exit, String err) {}

    static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void publishSucceedsWithASummary() {
        assertThat(exit).as(stderr).isZero();
        assertThat(stderr).containsPattern("published \\d+ pages, \\d+ blocks");
    }

    @Test
    void siteHasRootWorkspaceHomeSitePagesSitemapAndRobots() {
        for (String f :
                List.of(
                        "index.html",
                        "logseq-docs/index.html",
                        "logseq-docs/-/all-pages/index.html",
                        "logseq-docs/-/search/index.html",
                        "logseq-docs/-/search-index.json",
                        "logseq-docs/-/feed.xml",
                        "logseq-docs/-/static/draehi.css",
                        "sitemap.xml",
                        "robots.txt")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        // the docs graph turns journals off (:feature/enable-journals? false)
        assertThat(out.resolve("logseq-docs/-/journals")).doesNotExist();
    }

    @Test
    void everySitemapUrlHasItsFile() throws IOException {
        // sitemap URLs are absolute: only a publish with a base URL lists them
        Path based = work.resolve("based");
        Run r =
                run(
                        "publish",
                        DOCS.toString(),
                        "--out",
                        based.toString(),
                        "--base-url",
                        "https://notes.example.org/wiki",
                        "--checkout-dir",
                        work.resolve("co").toString());
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.err).doesNotContain("no --base-url");
        String sitemap = Files.readString(based.resolve("sitemap.xml"));
        Matcher m =
                Pattern.compile("<loc>https://notes\\.example\\.org/wiki(/[^<]*)</loc>")
                        .matcher(sitemap);
        int n = 0;
        while (m.find()) {
            String path = m.group(1);
            assertThat(based.resolve(StaticExport.fileFor(path))).as(path).isRegularFile();
            n++;
        }
        assertThat(n).isGreaterThan(200);
        assertThat(sitemap).doesNotContain("<loc>/");
        assertThat(Files.readString(based.resolve("robots.txt")))
                .contains("Sitemap: https://notes.example.org/wiki/sitemap.xml");
    }

    @Test
    void noRawLogseqSyntaxOutsideCode() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(out)) {
            offenders =
                    files.filter(p -> p.toString().endsWith(".html"))
                            .flatMap(p -> rawSyntax(p).stream())
                            .toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theRootHoldsOnlyTheSitesOwnFilesAnd404() throws IOException {
        List<String> root;
        try (Stream<Path> files = Files.list(out)) {
            root =
                    files.map(p -> p.getFileName().toString())
                            // a file of the user's own, which another test puts there
                            .filter(name -> !name.equals("my-own-file.txt"))
                            .sorted()
                            .toList();
        }
        assertThat(root)
                .containsExactly(
                        "-",
                        "404.html",
                        "favicon.svg",
                        "index.html",
                        "logseq-docs",
                        "robots.txt",
                        "sitemap.xml");
        assertThat(Files.readString(out.resolve("404.html")))
                .contains("Page not found")
                .contains("href=\"/-/static/draehi.css\"");
        assertThat(Files.readString(out.resolve("favicon.svg"))).startsWith("<svg");
        // without --base-url: one warning, and no relative URL where an absolute one belongs
        assertThat(stderr.split("no --base-url", -1)).hasSize(2);
        assertThat(Files.readString(out.resolve("sitemap.xml"))).doesNotContain("<loc>");
        assertThat(Files.readString(out.resolve("robots.txt"))).doesNotContain("Sitemap");
        assertThat(out.resolve("logseq-docs/-/static/theme.js")).isRegularFile();
    }

    @Test
    void internalLinksPointAtWrittenPages() throws IOException {
        List<String> broken;
        try (Stream<Path> files = Files.walk(out)) {
            broken =
                    files.filter(p -> p.toString().endsWith(".html"))
                            .flatMap(p -> brokenLinks(p).stream())
                            .distinct()
                            .toList();
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void republishingUpdatesInPlaceAndRemovesOnlyItsOwnStaleFiles() throws IOException {
        Path stale = out.resolve("logseq-docs/gone-page/index.html");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "old");
        Files.writeString(
                out.resolve("-/.draehi-files"),
                "logseq-docs/gone-page/index.html\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path mine = out.resolve("my-own-file.txt");
        Files.writeString(mine, "keep me");

        Run again =
                run(
                        "publish",
                        DOCS.toString(),
                        "--out",
                        out.toString(),
                        "--checkout-dir",
                        work.resolve("co").toString());

        assertThat(again.exit).as(again.err).isZero();
        assertThat(stale).doesNotExist();
        assertThat(mine).hasContent("keep me");
        assertThat(out.resolve("logseq-docs/index.html")).isRegularFile();
    }

    @Test
    void assetsOfPublishedPagesAreExportedAndNoOthers() throws IOException {
        Path graph = work.resolve("assets-graph");
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("assets"));
        Files.write(graph.resolve("assets/pic_one.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(graph.resolve("assets/secret.png"), "secret");
        Files.writeString(graph.resolve("assets/unused.png"), "unused");
        Files.writeString(graph.resolve("pages/Shown.md"), "- ![pic](../assets/pic_one.png)\n");
        Files.writeString(
                graph.resolve("pages/Hidden.md"),
                "public:: false\n\n- ![s](../assets/secret.png)\n");
        Path site = work.resolve("assets-site");

        Run r =
                run(
                        "publish",
                        graph.toString(),
                        "--out",
                        site.toString(),
                        "--checkout-dir",
                        work.resolve("co2").toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(site.resolve("assets-graph/-/assets/pic_one.png"))
                .hasBinaryContent(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(site.resolve("assets-graph/-/assets/secret.png")).doesNotExist();
        assertThat(site.resolve("assets-graph/-/assets/unused.png")).doesNotExist();
        assertThat(Files.readString(site.resolve("assets-graph/shown/index.html")))
                .contains("src=\"/assets-graph/-/assets/pic_one.png\"");
    }

    @Test
    void aGraphThatTurnsJournalsOffHasNoJournalsPage() throws IOException {
        Path graph = work.resolve("no-journals");
        Files.createDirectories(graph.resolve("logseq"));
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("journals"));
        Files.writeString(
                graph.resolve("logseq/config.edn"), "{:feature/enable-journals? false}\n");
        Files.writeString(graph.resolve("pages/notes.md"), "- a note\n");
        Files.writeString(graph.resolve("journals/2026_01_01.md"), "- a day\n");
        Path site = work.resolve("no-journals-site");
        Run r = run("publish", graph.toString(), "--out", site.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(site.resolve("no-journals/-/journals")).doesNotExist();
        assertThat(site.resolve("no-journals/jan-1st-2026/index.html")).isRegularFile();
        assertThat(Files.readString(site.resolve("no-journals/notes/index.html")))
                .contains("a note")
                .doesNotContain("-/journals");
        assertThat(Files.readString(site.resolve("sitemap.xml"))).doesNotContain("-/journals");
    }

    @Test
    void theGraphsDefaultQueriesRunOnTheJournalsPage() throws IOException {
        Path graph = work.resolve("default-queries");
        Files.createDirectories(graph.resolve("logseq"));
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("journals"));
        Files.writeString(
                graph.resolve("logseq/config.edn"),
                "{:default-queries\n"
                        + " {:journals [{:title \"🔨 NOW\"\n"
                        + "   :query [:find (pull ?h [*]) :where [?h :block/marker ?m]"
                        + " [(contains? #{\"NOW\" \"DOING\"} ?m)]]\n"
                        + "   :result-transform (fn [result] (sort-by :block/priority result))\n"
                        + "   :collapsed? false}\n"
                        + "  {:title \"Tagged\" :query (and [[project]] (task TODO))}]}}\n");
        Files.writeString(graph.resolve("pages/work.md"), "- DOING write the <b>report</b>\n");
        Files.writeString(graph.resolve("pages/private.md"), "public:: false\n\n- NOW secret\n");
        Files.writeString(graph.resolve("journals/2026_01_01.md"), "- TODO plan [[project]]\n");
        Files.writeString(graph.resolve("journals/2025_12_31.md"), "- an older day\n");
        Path site = work.resolve("default-queries-site");
        Run r = run("publish", graph.toString(), "--out", site.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Document journals = parse(site.resolve("default-queries/-/journals/index.html"));
        org.jsoup.select.Elements queries =
                journals.select("section.journal-queries .advanced-query");
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0).select(".query-title").text()).isEqualTo("🔨 NOW");
        assertThat(queries.get(0).text()).contains("write the report").doesNotContain("secret");
        assertThat(queries.get(0).select("p.query-note.query-custom-view")).hasSize(1);
        assertThat(queries.get(1).text()).contains("plan");
        // under the newest journal only, as Logseq shows them under today's
        assertThat(journals.select("section.journal + section.journal-queries")).hasSize(1);
        assertThat(
                        journals.select("section.journal-queries")
                                .first()
                                .previousElementSibling()
                                .text())
                .contains("Jan 1st, 2026");
        // not on the journal's own page
        assertThat(Files.readString(site.resolve("default-queries/jan-1st-2026/index.html")))
                .doesNotContain("journal-queries")
                .doesNotContain("NOW");
    }

    @Test
    void aMissingSourceIsAClearError() {
        Run r =
                run(
                        "publish",
                        work.resolve("nope").toString(),
                        "--out",
                        work.resolve("x").toString());
        assertThat(r.exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err).contains("no graph directory at").contains("nope");
    }

    @Test
    void anUnreachableDatabaseIsAClearError() {
        Run r =
                run(
                        "publish",
                        DOCS.toString(),
                        "--out",
                        work.resolve("y").toString(),
                        "--database-url",
                        "postgresql://bob:hunter2@127.0.0.1:1/nodb");
        assertThat(r.exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err).contains("127.0.0.1").contains("nodb").doesNotContain("hunter2");
    }

    private static List<String> rawSyntax(Path file) {
        Document doc = parse(file);
        doc.select("pre, code, script, style").remove();
        String text = doc.body() == null ? "" : doc.body().text();
        List<String> found = new java.util.ArrayList<>();
        // A ref left unrendered; "[[]]", an empty pair an author typed as text, is not one.
        Matcher ref =
                Pattern.compile("\\[\\[(?!\\]\\])|\\{\\{(embed|query|video|youtube|cards)")
                        .matcher(text);
        if (ref.find()) {
            int i = ref.start();
            found.add(
                    out.relativize(file)
                            + ": "
                            + text.substring(Math.max(0, i - 40), Math.min(text.length(), i + 40)));
        }
        Matcher uuidRef = Pattern.compile("\\(\\([0-9a-fA-F-]{36}\\)\\)").matcher(text);
        if (uuidRef.find()) {
            found.add(out.relativize(file) + ": " + uuidRef.group());
        }
        return found;
    }

    private static List<String> brokenLinks(Path file) {
        Document doc = parse(file);
        List<String> broken = new java.util.ArrayList<>();
        // Links draehi makes; a root-relative link an author wrote by hand is the author's.
        for (Element a : doc.select("a[href^=/logseq-docs/], a[href=/], link[href^=/]")) {
            String href = a.attr("href");
            String path = href.replaceAll("[#?].*$", "");
            if (path.isEmpty()) {
                continue;
            }
            path = java.net.URLDecoder.decode(path, StandardCharsets.UTF_8);
            if (!Files.exists(out.resolve(StaticExport.fileFor(path)))) {
                broken.add(out.relativize(file) + " -> " + href);
            }
        }
        return broken;
    }

    private static Document parse(Path file) {
        try {
            return Jsoup.parse(file.toFile(), "UTF-8");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aConfigLogseqCannotReadFailsThePublishAndKeepsTheOldSite() throws IOException {
        Path graph = work.resolve("config-graph");
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("logseq"));
        Files.writeString(graph.resolve("pages/Kept.md"), "- the first version\n");
        Files.writeString(
                graph.resolve("logseq/config.edn"),
                "{:default-queries {:journals [{:inputs [:14d :today]}]}}\n");
        Path site = work.resolve("config-site");
        String[] args = {
            "publish",
            graph.toString(),
            "--out",
            site.toString(),
            "--checkout-dir",
            work.resolve("config-co").toString()
        };
        Run first = run(args);
        assertThat(first.exit()).as(first.err()).isZero();
        Path page = site.resolve("config-graph/kept/index.html");
        assertThat(Files.readString(page)).contains("the first version");

        Files.writeString(graph.resolve("pages/Kept.md"), "- the second version\n");
        Files.writeString(
                graph.resolve("logseq/config.edn"),
                "{:hidden [\"pages/private\"]\n :journal/page-title-format \"yyyy\" [\n");
        Run second = run(args);
        assertThat(second.exit()).isNotZero();
        assertThat(second.err()).contains("logseq/config.edn:2:", "EOF");
        assertThat(Files.readString(page)).contains("the first version");
    }
}
