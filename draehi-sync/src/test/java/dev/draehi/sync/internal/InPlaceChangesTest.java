package dev.draehi.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a watched directory's next read re-reads, when reports and reads cross. */
class InPlaceChangesTest {
    @TempDir Path dir;
    final InPlaceChanges changes = new InPlaceChanges();

    @BeforeEach
    void firstRead() throws IOException {
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/A.md"), "- a\n");
        changes.watch(dir);
        InPlaceChanges.Taken full = changes.take(dir, changes.revision(dir));
        assertThat(full.paths()).isNull();
        changes.loaded(dir, full);
    }

    @Test
    void aReportDuringAReadIsTheNextReadsToo() {
        changes.changed(dir, Set.of("pages/A.md"));
        InPlaceChanges.Taken t = changes.take(dir, changes.revision(dir));
        assertThat(t.paths()).containsExactly("pages/A.md");
        changes.changed(dir, Set.of("pages/B.md")); // saved while the read runs
        changes.loaded(dir, t);
        assertThat(changes.take(dir, "r").paths()).containsExactly("pages/B.md");
    }

    @Test
    void aFailedReadLeavesItsFilesToTheNext() {
        changes.changed(dir, Set.of("pages/A.md"));
        InPlaceChanges.Taken t = changes.take(dir, changes.revision(dir));
        changes.changed(dir, Set.of("pages/B.md"));
        changes.failed(dir, t);
        assertThat(changes.take(dir, "r").paths()).containsExactly("pages/A.md", "pages/B.md");
    }

    @Test
    void anUnknownReportDuringAFullReadKeepsTheNextReadFull() {
        changes.changed(dir, null);
        InPlaceChanges.Taken full = changes.take(dir, changes.revision(dir));
        assertThat(full.paths()).isNull();
        changes.changed(dir, null); // an overflow while it reads
        changes.loaded(dir, full);
        assertThat(changes.take(dir, "r").paths()).isNull();
    }

    @Test
    void aReportBeforeTheFirstReadCompletesIsNotLost() {
        InPlaceChanges fresh = new InPlaceChanges();
        fresh.watch(dir);
        InPlaceChanges.Taken full = fresh.take(dir, fresh.revision(dir));
        fresh.changed(dir, Set.of("pages/A.md"));
        fresh.loaded(dir, full);
        assertThat(fresh.take(dir, "r").paths()).containsExactly("pages/A.md");
    }

    @Test
    void theRevisionChainsOnlyWhatChanged() throws IOException {
        String base = changes.revision(dir);
        assertThat(base).isEqualTo(DirectoryHash.of(dir));
        changes.changed(dir, Set.of("pages/A.md"));
        String edited = changes.revision(dir);
        assertThat(edited).isNotEqualTo(base);
        Files.writeString(dir.resolve("pages/A.md"), "- a, again\n");
        assertThat(changes.revision(dir)).isNotEqualTo(edited).isNotEqualTo(base);
        Files.delete(dir.resolve("pages/A.md"));
        assertThat(changes.revision(dir)).isNotEqualTo(edited);
    }
}
