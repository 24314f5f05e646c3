package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Deployment;
import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.store.LinkedReferences;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.DocsGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linked references through page properties, as Logseq counts them, on both stores: the docs
 * graph's "Feature" lists the 61 pages that say {@code type:: [[Feature]]}, a tag page of {@code
 * tags::} lists the pages tagged with it, and an incremental sync keeps both up to date. Two syncs
 * of the docs graph per store: about a minute and a half, so it runs with the long suites.
 */
@Tag("slow")
class PropertyReferencesTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path work;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgresql"})
    void pagePropertiesAreLinkedReferencesAndSyncsKeepThemCurrent(String store) throws Exception {
        if (store.equals("postgresql")) {
            PG.truncate();
        }
        Storage storage = store.equals("memory") ? new InMemoryStorage() : PG.storage();
        Path graph = work.resolve("graph");
        copy(DocsGraph.path(), graph);
        try (Git git = Git.init().setInitialBranch("main").setDirectory(graph.toFile()).call()) {
            commit(git, "docs graph", Instant.parse("2021-01-01T10:00:00Z"));
            Workspace ws = LocalWorkspace.ensure(storage, "docs", graph.toString());
            Graphs graphs =
                    new Graphs(
                            storage,
                            work.resolve("co"),
                            new PrintStream(PrintStream.nullOutputStream()));
            assertThat(graphs.sync(ws).succeeded()).isTrue();

            List<String> typedFeature = pagesSaying(graph, "type:: [[Feature]]");
            assertThat(typedFeature).hasSize(61);
            LinkedReferences feature = references(storage, ws, "Feature");
            assertThat(feature.pageCount()).isGreaterThanOrEqualTo(61);
            List<String> referring = pageNames(feature);
            assertThat(referring).contains("Whiteboard", "Flashcards", "Namespaces");
            // the page node (its properties) comes first in its group
            Node first = group(feature, "Whiteboard").blocks().get(0);
            assertThat(first.isPage()).isTrue();

            // the page view: its heading counts them all; plain mentions come collapsed after
            Site site = Site.builder(storage).build();
            Document page = Jsoup.parse(site.get("/docs/feature").bodyText());
            assertThat(page.select("section.linked-references > h2").text())
                    .isEqualTo(feature.blockCount() + " Linked references");
            assertThat(page.select("section.linked-references li.page-properties-reference"))
                    .hasSizeGreaterThanOrEqualTo(61);
            assertThat(
                            page.select(
                                            "section.unlinked-references > details:not([open]) > summary > h2")
                                    .text())
                    .isEqualTo("Unlinked references");
            Document unlinked =
                    Jsoup.parseBodyFragment(
                            site.get(page.select("section.unlinked-references").attr("data-src"))
                                    .bodyText());
            assertThat(unlinked.select("p.unlinked-count").text())
                    .matches("\\d+ unlinked references?");
            for (Element block : unlinked.select(".block-content")) {
                assertThat(block.select("a[data-page~=(?i)^feature$]")).isEmpty();
            }
            // "updated" is when the page's file was last committed
            RevCommit firstCommit = git.log().call().iterator().next();
            assertThat(
                            storage.nodes()
                                    .findPage(ws.id(), "Whiteboard")
                                    .orElseThrow()
                                    .metadata()
                                    .attribute(NodeMetadata.Attributes.UPDATED))
                    .contains(Instant.ofEpochSecond(firstCommit.getCommitTime()).toString());

            // tags:: embed and tags:: [[embed]]
            assertThat(pageNames(references(storage, ws, "embed")))
                    .contains("Page embed", "Block embed");

            // an incremental sync: one page stops saying it, one starts
            Path whiteboard = graph.resolve("pages/Whiteboard.md");
            rewrite(whiteboard, "type:: [[Feature]]", "type:: [[Thing]]");
            Path tagged = graph.resolve("pages/Contents.md");
            if (!Files.exists(tagged)) {
                tagged = graph.resolve("pages/contents.md");
            }
            Files.writeString(
                    tagged,
                    "tags:: embed\n\n" + Files.readString(tagged, StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            commit(git, "edit properties", Instant.parse("2022-02-02T12:00:00Z"));
            Deployment second = graphs.sync(ws);
            assertThat(second.succeeded()).isTrue();
            assertThat(pageNames(references(storage, ws, "Feature")))
                    .doesNotContain("Whiteboard")
                    .contains("Flashcards");
            assertThat(pageNames(references(storage, ws, "Thing"))).contains("Whiteboard");
            RevCommit secondCommit = git.log().call().iterator().next();
            assertThat(
                            storage.nodes()
                                    .findPage(ws.id(), "Whiteboard")
                                    .orElseThrow()
                                    .metadata()
                                    .attribute(NodeMetadata.Attributes.UPDATED))
                    .contains(Instant.ofEpochSecond(secondCommit.getCommitTime()).toString());
            assertThat(pageNames(references(storage, ws, "embed")))
                    .contains("Contents", "Page embed");
        }
    }

    private static LinkedReferences references(Storage storage, Workspace ws, String name) {
        Node page = storage.nodes().findPage(ws.id(), name).orElseThrow();
        return storage.nodes().linkedReferences(ws.id(), page.uuid(), page.pageName(), 500);
    }

    private static List<String> pageNames(LinkedReferences refs) {
        return refs.groups().stream().map(LinkedReferences.Group::pageName).toList();
    }

    private static LinkedReferences.Group group(LinkedReferences refs, String page) {
        return refs.groups().stream()
                .filter(g -> g.pageName().equals(page))
                .findFirst()
                .orElseThrow();
    }

    /** The files whose page properties (the lines before the first blank line) say {@code s}. */
    private static List<String> pagesSaying(Path graph, String s) throws IOException {
        try (Stream<Path> files = Files.walk(graph.resolve("pages"))) {
            return files.filter(Files::isRegularFile)
                    .filter(
                            f -> {
                                String text = read(f);
                                int blank = text.indexOf("\n\n");
                                String head = blank < 0 ? text : text.substring(0, blank);
                                return !head.startsWith("-")
                                        && head.toLowerCase(Locale.ROOT)
                                                .contains(s.toLowerCase(Locale.ROOT));
                            })
                    .map(Path::toString)
                    .toList();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void rewrite(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private static void commit(Git git, String message, Instant when) throws Exception {
        PersonIdent who = new PersonIdent("Test", "test@example.org", when, ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
