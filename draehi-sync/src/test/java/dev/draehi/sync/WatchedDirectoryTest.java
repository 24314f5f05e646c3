package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.GitRepository;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.SyncStatus;
import dev.draehi.spi.Revision;
import dev.draehi.spi.SourceRequest;
import dev.draehi.sync.internal.DirectoryHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph directory read in place and watched ({@code serve --watch}): a sync hashes and reads only
 * the files the watcher reported, and gives the graph a fresh read of the directory gives; what it
 * cannot know (an overflow, a changed config) is read in full.
 */
class WatchedDirectoryTest {
    @TempDir Path tmp;

    Path dir;
    GitGraphSource source;
    SourceRequest request;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void graph() throws IOException {
        dir = tmp.resolve("notes");
        write("pages/Alpha.md", "- alpha links [[Beta]]\n");
        write("pages/Beta.md", "- beta\n");
        write("journals/2024_01_01.md", "- a day with [[Alpha]]\n");
        // written long ago: a read may vouch for them by their size and time
        for (String f : List.of("pages/Alpha.md", "pages/Beta.md", "journals/2024_01_01.md")) {
            Files.setLastModifiedTime(
                    dir.resolve(f), FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        source = GitGraphSource.builder().checkoutRoot(tmp.resolve("co")).build();
        source.watch(dir);
        Instant now = Instant.now();
        GitRepository repo =
                new GitRepository(
                        1, 7, dir.toString(), "main", null, null, SyncStatus.IDLE, null, now, now);
        request = new SourceRequest(7, repo, null, log::add);
    }

    void write(String rel, String text) throws IOException {
        Files.createDirectories(dir.resolve(rel).getParent());
        Files.writeString(dir.resolve(rel), text);
    }

    /** One sync: fetch, then load. */
    Graph sync() {
        log.clear();
        Revision r = source.fetch(request);
        return source.load(request, r);
    }

    Graph fresh() {
        return LogseqGraphReader.builder().build().read(dir, "fresh");
    }

    static List<String> names(Graph g) {
        return g.pages().stream().filter(p -> !p.isGenerated()).map(Page::name).sorted().toList();
    }

    static String text(Graph g, String page) {
        return g.page(page).orElseThrow().flatBlocks().get(0).content();
    }

    void assertAsFresh(Graph g) {
        Graph fresh = fresh();
        assertThat(g.pages()).isEqualTo(fresh.pages());
        assertThat(g.warnings()).isEqualTo(fresh.warnings());
    }

    @Test
    void aReportedEditIsReReadAloneAndTheRevisionChainsFromTheLastRead() throws IOException {
        Graph first = sync();
        assertThat(log).noneMatch(l -> l.startsWith("re-reading"));
        String r1 = source.fetch(request).commitSha();
        assertThat(r1).isEqualTo(DirectoryHash.of(dir));

        write("pages/Beta.md", "- beta, edited\n");
        // not reported: a sync trusts the watcher and does not look at it
        write("pages/Alpha.md", "- alpha, unreported\n");
        source.changed(dir, Set.of("pages/Beta.md"));
        Revision r2 = source.fetch(request);
        assertThat(r2.commitSha()).isNotEqualTo(r1).isNotEqualTo(DirectoryHash.of(dir));
        Graph second = source.load(request, r2);

        assertThat(log).contains("re-reading 1 changed files");
        assertThat(text(second, "Beta")).isEqualTo("beta, edited");
        assertThat(text(second, "Alpha")).isEqualTo(text(first, "Alpha"));
        // nothing reported since: the same revision, which a publisher takes as published
        assertThat(source.fetch(request).commitSha()).isEqualTo(r2.commitSha());
    }

    @Test
    void aDeletedARenamedAndANewPageAreAsAFreshReadGivesThem() throws IOException {
        sync();
        Files.delete(dir.resolve("pages/Beta.md"));
        source.changed(dir, Set.of("pages/Beta.md"));
        Graph deleted = sync();
        assertThat(names(deleted)).doesNotContain("Beta");
        assertAsFresh(deleted);

        Files.move(dir.resolve("pages/Alpha.md"), dir.resolve("pages/Gamma.md"));
        source.changed(dir, Set.of("pages/Alpha.md", "pages/Gamma.md"));
        Graph renamed = sync();
        assertThat(names(renamed)).contains("Gamma").doesNotContain("Alpha");
        assertThat(log).contains("re-reading 2 changed files");
        assertAsFresh(renamed);

        write("pages/Delta.md", "- new, links [[Gamma]]\n");
        write("journals/2024_01_02.md", "- another day\n");
        source.changed(dir, Set.of("pages/Delta.md", "journals/2024_01_02.md"));
        Graph added = sync();
        assertThat(names(added)).contains("Delta").hasSize(names(renamed).size() + 2);
        assertAsFresh(added);
    }

    @Test
    void anEditorsSwapFileIsPassedOverAndAFolderOrTheConfigReadsItAll() throws IOException {
        sync();
        write("pages/4913", "");
        write("pages/Beta.md", "- beta, saved through a swap file\n");
        source.changed(dir, Set.of("pages/4913", "pages/Beta.md"));
        Graph swapped = sync();
        assertThat(log).contains("re-reading 2 changed files");
        assertAsFresh(swapped);

        write("logseq/config.edn", "{:hidden [\"pages/Beta.md\"]}\n");
        write("pages/Alpha.md", "- alpha, not reported\n");
        source.changed(dir, Set.of("logseq/config.edn"));
        Graph configured = sync();
        assertThat(text(configured, "Alpha")).isEqualTo("alpha, not reported");
        assertAsFresh(configured);
    }

    @Test
    void anUnknownChangeHashesAndReadsTheWholeDirectory() throws IOException {
        sync();
        write("pages/Alpha.md", "- alpha, lost in an overflow\n");
        write("pages/New.md", "- new, lost too\n");
        source.changed(dir, null);
        Revision r = source.fetch(request);
        assertThat(r.commitSha()).isEqualTo(DirectoryHash.of(dir));
        Graph g = source.load(request, r);
        assertThat(log).noneMatch(l -> l.startsWith("re-reading"));
        assertThat(text(g, "Alpha")).isEqualTo("alpha, lost in an overflow");
        assertAsFresh(g);

        // and from that full read on, reports are trusted again
        write("pages/Beta.md", "- beta again\n");
        source.changed(dir, Set.of("pages/Beta.md"));
        assertAsFresh(sync());
        assertThat(log).contains("re-reading 1 changed files");
    }

    @Test
    void aDirectoryNobodyWatchesIsHashedAndReadInFull() throws IOException {
        GitGraphSource unwatched =
                GitGraphSource.builder().checkoutRoot(tmp.resolve("co2")).build();
        Revision r1 = unwatched.fetch(request);
        unwatched.load(request, r1);
        write("pages/Beta.md", "- beta, seen without a report\n");
        Revision r2 = unwatched.fetch(request);
        assertThat(r2.commitSha()).isEqualTo(DirectoryHash.of(dir));
        assertThat(text(unwatched.load(request, r2), "Beta"))
                .isEqualTo("beta, seen without a report");
    }
}
