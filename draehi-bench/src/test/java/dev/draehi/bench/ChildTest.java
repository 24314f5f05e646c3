package dev.draehi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildTest {
    @TempDir Path dir;

    @Test
    void aFreshArchiveBesideTheJarIsUsedQuietly() throws Exception {
        Path jar = Files.writeString(dir.resolve("draehi-bench.jar"), "jar");
        Path jsa = Files.writeString(dir.resolve("draehi-bench.jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(2_000_000));
        List<String> opts = Child.archiveOptions(jar.toString());
        assertEquals("-XX:SharedArchiveFile=" + jsa, opts.get(0));
        assertTrue(opts.contains("-Xshare:auto"));
        assertTrue(opts.contains("-Xlog:cds=off"));
    }

    @Test
    void noArchiveWhenAbsentEmptyOlderThanTheJarOrTheClassPathIsNotOneJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("draehi-bench.jar"), "jar");
        assertEquals(List.of(), Child.archiveOptions(jar.toString()));

        Path jsa = Files.writeString(dir.resolve("draehi-bench.jsa"), "");
        assertEquals(List.of(), Child.archiveOptions(jar.toString()));

        Files.writeString(jsa, "archive");
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
        assertEquals(List.of(), Child.archiveOptions(jar.toString()));

        Files.setLastModifiedTime(jsa, FileTime.fromMillis(3_000_000));
        assertEquals(List.of(), Child.archiveOptions(jar + ":" + dir.resolve("other.jar")));
        assertEquals(List.of(), Child.archiveOptions(dir.resolve("classes").toString()));
        assertEquals(List.of(), Child.archiveOptions(null));
    }
}
