package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property key's page as a reader meets it, on both stores: listed in All pages, linked from the
 * key wherever the property is shown, and listing the pages and blocks that have the property as
 * its linked references; a key of {@code :property-pages/excludelist} has no page and no link.
 */
class PropertyPagesSiteTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path work;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "postgresql"})
    void aKeysPageListsWhoHasThePropertyAndTheKeyLinksToIt(String store) throws Exception {
        if (store.equals("postgresql")) {
            PG.truncate();
        }
        Storage storage = store.equals("memory") ? new InMemoryStorage() : PG.storage();
        Path graph = work.resolve("graph");
        write(
                graph.resolve("logseq/config.edn"),
                "{:property-pages/excludelist #{:secret}\n"
                        + " :property/separated-by-commas #{:platforms}}\n");
        write(
                graph.resolve("pages/Dune.md"),
                "type:: [[Book]]\nplatforms:: Linux, Mac\nsecret:: kept\n\n- the spice\n");
        write(
                graph.resolve("pages/Reading log.md"),
                "- finished a novel\n  type:: [[Book]]\n- nothing typed here\n");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(graph.toFile()).call()) {
            PersonIdent who =
                    new PersonIdent(
                            "Test",
                            "test@example.org",
                            Instant.parse("2024-01-01T10:00:00Z"),
                            ZoneOffset.UTC);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("graph").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        Workspace ws = LocalWorkspace.ensure(storage, "props", graph.toString());
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()));
        assertThat(graphs.sync(ws).succeeded()).isTrue();
        Site site = Site.builder(storage).build();

        Document dune = page(site, "/props/dune");
        Element key = dune.selectFirst(".page-properties dt.property-key a.page-reference");
        assertThat(key).isNotNull();
        assertThat(key.attr("data-page")).isEqualTo("type");
        assertThat(dune.select(".page-properties dt.property-key"))
                .extracting(Element::text)
                .contains("type", "platforms", "secret");
        assertThat(dune.select(".page-properties dt.property-key:contains(secret) a")).isEmpty();
        // a comma-separated key's value is its pages
        assertThat(dune.select(".page-properties dd.property-value a.page-reference"))
                .extracting(e -> e.attr("data-page"))
                .contains("Book", "Linux", "Mac");

        String href = key.attr("href");
        SiteResponse typeResponse =
                site.get(
                        href.startsWith("/")
                                ? href
                                : java.net.URI.create("/props/dune").resolve(href).getPath());
        assertThat(typeResponse.status()).isEqualTo(200);
        Document type = Jsoup.parse(typeResponse.bodyText());
        assertThat(type.select("h1.page-title").text()).isEqualTo("type");
        assertThat(type.select("section.linked-references > h2").text())
                .isEqualTo("2 Linked references");
        assertThat(type.select("section.linked-references li.page-properties-reference"))
                .hasSize(1);
        assertThat(type.select("section.linked-references").text())
                .contains("Dune", "Reading log", "finished a novel")
                .doesNotContain("nothing typed here");

        Document book = page(site, "/props/book");
        assertThat(book.select("section.linked-references > h2").text())
                .isEqualTo("2 Linked references");
        assertThat(site.get("/props/secret").status()).isEqualTo(404);

        Document all = Jsoup.parse(site.get("/props/-/all-pages").bodyText());
        assertThat(all.select("table.all-pages td a"))
                .extracting(Element::text)
                .contains("type", "platforms", "Linux", "Mac", "Book")
                .doesNotContain("secret");
    }

    private static Document page(Site site, String path) {
        SiteResponse r = site.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return Jsoup.parse(r.bodyText());
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
