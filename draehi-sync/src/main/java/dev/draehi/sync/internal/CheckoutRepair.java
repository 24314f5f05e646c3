package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.SyncException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FileUtils;

/**
 * Finds what an earlier process left in a checkout (JGit's lock files, a clone that was never moved
 * into place, a {@code .git} that cannot be read, a corrupt index, a working tree left
 * half-written) and repairs it, reporting each repair as one line of the build log.
 *
 * <p>A lock file is removed without asking whether a live process holds it: the caller must hold
 * the workspace's sync lock, which says that no other sync of the checkout runs, in this process or
 * another.
 */
public final class CheckoutRepair {
    private static final String PREFIX = "repaired checkout: ";
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    // a loose object's directory holds only objects: not worth listing on every sync
    private static final Pattern LOOSE_OBJECTS = Pattern.compile("[0-9a-f]{2}");
    private static final String MARK = "draehi-tree";
    private static final String WRITING = "writing ";

    /** The index as last found readable, by checkout: it is read again only when it changed. */
    private final Map<Path, IndexStamp> readableIndex = new ConcurrentHashMap<>();

    private record IndexStamp(long size, long modifiedNanos, Object fileKey) {
        static IndexStamp of(BasicFileAttributes a) {
            return new IndexStamp(
                    a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
        }
    }

    /**
     * Repairs the checkout at {@code checkout} (a clone's working tree with its {@code .git}) and
     * its unfinished clone {@code checkout.partial} before either is opened: removes lock files and
     * the unfinished clone, deletes a checkout whose {@code .git} is missing or cannot be read (so
     * that it is cloned anew), and an index that cannot be read. Whether anything was repaired: the
     * working tree is then not to be trusted, and only a full checkout (reset and clean) will do.
     *
     * @param log where each repair is reported, one line each
     * @throws SyncException when a repair fails
     */
    public boolean repair(Path checkout, Consumer<String> log) {
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(log, "log");
        List<String> repairs = new ArrayList<>();
        try {
            Path partial = checkout.resolveSibling(checkout.getFileName() + ".partial");
            if (Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
                delete(partial);
                repairs.add("removed " + partial.getFileName() + ", a clone that did not finish");
            }
            Path dotGit = checkout.resolve(Constants.DOT_GIT);
            if (Files.exists(checkout, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                    delete(checkout);
                    repairs.add(
                            "removed "
                                    + checkout.getFileName()
                                    + ", which has no .git (a checkout deleted half-way); cloning"
                                    + " anew");
                } else {
                    for (Path lock : lockFiles(dotGit)) {
                        Files.deleteIfExists(lock);
                        repairs.add("removed stale " + checkout.relativize(lock));
                    }
                    String unreadable = unreadable(checkout, repairs);
                    if (unreadable != null) {
                        readableIndex.remove(checkout);
                        delete(checkout);
                        repairs.add(".git cannot be read (" + unreadable + "); cloning anew");
                    }
                }
            }
        } catch (IOException e) {
            throw new SyncException(
                    Reason.OTHER, "cannot repair checkout " + checkout + ": " + e.getMessage(), e);
        } finally {
            repairs.forEach(r -> log.accept(PREFIX + r));
        }
        return !repairs.isEmpty();
    }

    /** What {@link #write} wrote: the changed paths (null: the whole tree) and the mark left. */
    public record Written(List<String> changed, String mark) {}

    /**
     * Writes {@code revision} into the checkout: only the files that differ from {@code lastCommit}
     * (as {@code diff}, their {@link GitTrees#diff}, lists them) when the tree is as the last write
     * left it ({@code lastMark}), else the whole tree, reset and cleaned; always the whole tree
     * without a diff. Marked begun before and finished after, so a process killed half-way leaves a
     * checkout the next sync repairs; {@code written} runs between the write and the mark.
     */
    public static Written write(
            Git git,
            Path checkout,
            String lastCommit,
            String lastMark,
            List<GitTrees.Change> diff,
            dev.draehi.spi.Revision revision,
            Consumer<String> log,
            Runnable written)
            throws IOException, org.eclipse.jgit.api.errors.GitAPIException {
        long t0 = System.nanoTime();
        String base =
                treeAsLeft(checkout, lastCommit == null ? null : lastMark, log) ? lastCommit : null;
        beginWrite(checkout, revision.commitSha());
        List<String> changed =
                base == null || diff == null
                        ? null
                        : GitTrees.apply(git.getRepository(), diff, checkout);
        if (changed == null) {
            // a working tree of nothing but .git (a new clone) has nothing to clean; cleaning
            // hashes every file the reset just wrote, to learn that none is untracked
            boolean empty = onlyDotGit(checkout);
            if (!empty
                    || !FreshCheckout.write(git.getRepository(), revision.commitSha(), checkout)) {
                git.reset()
                        .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                        .setRef(revision.commitSha())
                        .call();
            }
            if (!empty) {
                git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
            }
        }
        written.run();
        String mark = finishWrite(checkout, revision.commitSha());
        log.accept(
                "checked out "
                        + revision.commitSha()
                        + " in "
                        + (System.nanoTime() - t0) / 1_000_000
                        + " ms"
                        + (changed == null ? "" : " (" + changed.size() + " files changed)"));
        return new Written(changed, mark);
    }

    /**
     * Notes in the checkout that its working tree is being brought to {@code commitSha}: until
     * {@link #finishWrite} replaces the note, the tree is half-written.
     */
    public static void beginWrite(Path checkout, String commitSha) throws IOException {
        writeMark(checkout, WRITING + commitSha);
    }

    /**
     * Notes in the checkout that its working tree holds {@code commitSha}, as written by the
     * caller; the note, for {@link #treeAsLeft} to tell whether anyone wrote the tree since.
     */
    public static String finishWrite(Path checkout, String commitSha) throws IOException {
        String mark = commitSha + " " + UUID.randomUUID();
        writeMark(checkout, mark);
        return mark;
    }

    /**
     * Whether the working tree is still as the caller left it, {@code lastMark} being the note
     * {@link #finishWrite} gave it ({@code null}: the caller has not written this tree), so that
     * writing only what the next commit changes will do. When another process wrote the tree since,
     * or stopped while writing it, says so in the build log: only a full checkout will do.
     *
     * @param log where the repair is reported
     */
    public static boolean treeAsLeft(Path checkout, String lastMark, Consumer<String> log)
            throws IOException {
        String found = readMark(checkout);
        if (found != null && found.startsWith(WRITING)) {
            log.accept(
                    PREFIX
                            + "the checkout of "
                            + found.substring(WRITING.length())
                            + " did not finish; checking out in full");
            return false;
        }
        if (lastMark != null && !lastMark.equals(found)) {
            log.accept(
                    PREFIX
                            + "the working tree is no longer commit "
                            + lastMark.substring(0, lastMark.indexOf(' '))
                            + " as this process left it; checking out in full");
            return false;
        }
        return lastMark != null;
    }

    private static void writeMark(Path checkout, String mark) throws IOException {
        Path file = checkout.resolve(Constants.DOT_GIT).resolve(MARK);
        Path tmp = file.resolveSibling(MARK + ".tmp");
        Files.writeString(tmp, mark + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Whether the working tree at {@code checkout} holds {@code .git} and nothing else. */
    private static boolean onlyDotGit(Path checkout) throws IOException {
        try (var entries = Files.list(checkout)) {
            return entries.allMatch(e -> e.getFileName().toString().equals(Constants.DOT_GIT));
        }
    }

    private static String readMark(Path checkout) throws IOException {
        try {
            return Files.readString(checkout.resolve(Constants.DOT_GIT).resolve(MARK)).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Every {@code *.lock} under {@code .git}, loose objects aside. */
    private static List<Path> lockFiles(Path dotGit) throws IOException {
        List<Path> locks = new ArrayList<>();
        Path objects = dotGit.resolve(Constants.OBJECTS);
        Files.walkFileTree(
                dotGit,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return dir.getParent().equals(objects)
                                        && LOOSE_OBJECTS
                                                .matcher(dir.getFileName().toString())
                                                .matches()
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (file.getFileName().toString().endsWith(".lock")) {
                            locks.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return locks;
    }

    /**
     * Why the repository of the checkout cannot be used (it does not open, its HEAD or a ref is not
     * one), or null when it can; an index that cannot be read is deleted on the way, as the next
     * full checkout writes it anew.
     */
    private String unreadable(Path checkout, List<String> repairs) throws IOException {
        try (Git git = Git.open(checkout.toFile())) {
            Repository r = git.getRepository();
            Ref head = r.exactRef(Constants.HEAD);
            if (head == null
                    || (head.isSymbolic()
                            && !Repository.isValidRefName(head.getTarget().getName()))) {
                return "HEAD is not a ref";
            }
            r.getRefDatabase().getRefs();
            String badRef = corruptLooseRef(checkout.resolve(Constants.DOT_GIT));
            if (badRef != null) {
                return badRef + " is not a ref";
            }
            if (!indexReadable(checkout, r)) {
                Files.deleteIfExists(r.getIndexFile().toPath());
                repairs.add("removed .git/index, which cannot be read");
            }
            return null;
        } catch (IOException | RuntimeException e) {
            // JGit says an unreadable HEAD is no repository, and throws an unchecked exception for
            // an unreadable config
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** A loose ref file (JGit reads a broken one as no ref at all) that holds no ref, or null. */
    private static String corruptLooseRef(Path dotGit) throws IOException {
        Path refs = dotGit.resolve(Constants.R_REFS);
        if (!Files.isDirectory(refs)) {
            return null;
        }
        List<Path> bad = new ArrayList<>();
        Files.walkFileTree(
                refs,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        String text =
                                new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                                        .strip();
                        boolean ok =
                                OBJECT_ID.matcher(text).matches()
                                        || (text.startsWith("ref: ")
                                                && Repository.isValidRefName(text.substring(5)));
                        if (!ok) {
                            bad.add(file);
                            return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return bad.isEmpty() ? null : dotGit.getParent().relativize(bad.get(0)).toString();
    }

    /**
     * Whether the index, if any, reads without error; read again only when it changed since it was
     * last found readable.
     */
    private boolean indexReadable(Path checkout, Repository r) throws IOException {
        Path index = r.getIndexFile().toPath();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(index, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            readableIndex.remove(checkout);
            return true;
        }
        IndexStamp stamp = IndexStamp.of(attrs);
        if (stamp.equals(readableIndex.get(checkout))) {
            return true;
        }
        try {
            DirCache.read(r);
            readableIndex.put(checkout, stamp);
            return true;
        } catch (IOException | RuntimeException e) {
            readableIndex.remove(checkout);
            return false;
        }
    }

    private static void delete(Path dir) throws IOException {
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
    }
}
