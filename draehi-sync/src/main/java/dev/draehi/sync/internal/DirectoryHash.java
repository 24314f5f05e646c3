package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The "commit" of a plain graph directory: SHA-1 over its files' relative paths and contents. */
public final class DirectoryHash {
    private DirectoryHash() {}

    /** 40 hex digits; the same files give the same hash, any change gives another. */
    public static String of(Path root) {
        MessageDigest sha1 = sha1();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files =
                    walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(p -> !hidden(root.relativize(p)))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new SyncException(
                    SyncException.Reason.INVALID_SOURCE,
                    "cannot list graph directory " + root + ": " + e.getMessage(),
                    e);
        }
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            sha1.update(
                    root.relativize(f)
                            .toString()
                            .replace('\\', '/')
                            .getBytes(StandardCharsets.UTF_8));
            sha1.update((byte) 0);
            update(sha1, f, buf);
            sha1.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /**
     * The revision after {@code base} of a directory whose files at {@code changed} (relative, with
     * {@code /}) changed since: SHA-1 over the base and those files' paths and contents (a missing
     * file counts as such), so that a watcher's report costs the changed files, not the graph.
     */
    public static String chain(Path root, String base, Collection<String> changed) {
        MessageDigest sha1 = sha1();
        sha1.update(base.getBytes(StandardCharsets.UTF_8));
        sha1.update((byte) 0);
        byte[] buf = new byte[1 << 16];
        for (String rel : new TreeSet<>(changed)) {
            sha1.update(rel.getBytes(StandardCharsets.UTF_8));
            sha1.update((byte) 0);
            Path f = root.resolve(rel);
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                update(sha1, f, buf);
            } else {
                sha1.update((byte) 2);
            }
            sha1.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static void update(MessageDigest sha1, Path f, byte[] buf) {
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha1.update(buf, 0, n);
            }
        } catch (IOException e) {
            // An unreadable file is the parser's to report; it still changes the hash.
            sha1.update((byte) 1);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
