package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.model.PropertyRules;
import dev.draehi.model.SyncWarning;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parse of each file of a graph, and what a read keeps of them for the next: a file whose bytes
 * did not change is not parsed again, and after a change of a few named files the next read takes
 * the others over by their place in the list, without looking each one up.
 */
public final class FileParses {
    private final long maxFileBytes;
    private final int maxDepth;
    private final int parallelism;

    /**
     * @param maxFileBytes files larger than this are skipped with a warning
     * @param maxDepth blocks nested deeper are attached at this depth
     * @param parallelism how many files are parsed at once
     */
    public FileParses(long maxFileBytes, int maxDepth, int parallelism) {
        this.maxFileBytes = maxFileBytes;
        this.maxDepth = maxDepth;
        this.parallelism = parallelism;
    }

    /**
     * The files of a read in order with what each gave, and the places of those whose parse does
     * not vouch for the file (read too soon after it was written, or skipped): a file that the next
     * read lists as the same object in the same place, and that is not among those, gave the same.
     * Places, not paths: the next read asks of each of its files without touching the file's
     * record.
     */
    public record Parsed(
            List<GraphWalker.SourceFile> files,
            List<Outcome> outcomes,
            java.util.BitSet recheck,
            Inputs inputs) {}

    /**
     * What the assembly was given: a parse per file that gave one, the files' warnings in order,
     * and the bytes of text read; {@code complete} when every file gave a parse and none warned, so
     * that its inputs stand in the files' places.
     */
    public record Inputs(
            List<GraphAssembler.Input> list,
            List<SyncWarning> warnings,
            long textBytes,
            boolean complete) {

        public static Inputs of(List<GraphWalker.SourceFile> files, List<Outcome> outcomes) {
            long textBytes = 0;
            List<SyncWarning> warnings = new ArrayList<>();
            List<GraphAssembler.Input> inputs = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                Outcome o = outcomes.get(i);
                warnings.addAll(o.warnings());
                if (o.parsed() != null) {
                    warnings.addAll(o.parsed().warnings());
                    inputs.add(new GraphAssembler.Input(files.get(i), o.parsed()));
                    textBytes += files.get(i).size();
                }
            }
            return new Inputs(
                    inputs,
                    warnings,
                    textBytes,
                    warnings.isEmpty() && inputs.size() == files.size());
        }

        /**
         * These inputs with the files at {@code changed} given their new outcomes; null unless
         * every file, before and after, gave a parse without a warning.
         */
        public Inputs patched(
                List<GraphWalker.SourceFile> files, List<Outcome> outcomes, int[] changed) {
            if (!complete || list.size() != files.size()) {
                return null;
            }
            List<GraphAssembler.Input> patched = new ArrayList<>(list);
            long bytes = textBytes;
            for (int i : changed) {
                Outcome o = outcomes.get(i);
                if (o.parsed() == null
                        || !o.warnings().isEmpty()
                        || !o.parsed().warnings().isEmpty()) {
                    return null;
                }
                bytes += files.get(i).size() - list.get(i).source().size();
                patched.set(i, new GraphAssembler.Input(files.get(i), o.parsed()));
            }
            return new Inputs(patched, warnings, bytes, true);
        }
    }

    /**
     * The positions at which {@code files} and their outcomes are other objects than {@code
     * same}'s; null when the lists differ in length.
     */
    public static int[] changedPositions(
            Parsed same, List<GraphWalker.SourceFile> files, List<Outcome> outcomes) {
        if (same == null || same.files().size() != files.size()) {
            return null;
        }
        int[] at = new int[8];
        int n = 0;
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) != same.files().get(i) || outcomes.get(i) != same.outcomes().get(i)) {
                if (n == at.length) {
                    at = java.util.Arrays.copyOf(at, n * 2);
                }
                at[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(at, n);
    }

    /** What a file gave: its parse, or null when it was skipped, and its warnings. */
    public record Outcome(ParsedFile parsed, List<SyncWarning> warnings) {}

    /**
     * A file's parse, kept with the SHA-1 of the bytes it came from and the file's size,
     * modification time and key when it was read.
     */
    public record Cached(byte[] sha1, Outcome outcome, long size, long modified, Object fileKey) {

        /**
         * True when the file is the one read before: same size, time and inode, and its time
         * earlier than {@link #RACY_NANOS} before it was read, so that a write in the same clock
         * tick as the read cannot go unseen (git's "racy clean" rule).
         */
        boolean unchanged(GraphWalker.SourceFile f) {
            return f.size() == size
                    && f.modified() == modified
                    && f.fileKey() != null
                    && f.fileKey().equals(fileKey);
        }
    }

    /** How long before a read a file's time must be for the read to vouch for it later. */
    private static final long RACY_NANOS = 2_000_000_000L;

    /**
     * What each of {@code files} gives: taken from {@code same} (the last read, when its parses are
     * updated in place) where a file is the same object in the same place, else from {@code
     * previous} where it vouches for the file, else parsed; the places of the files whose parse
     * does not vouch for them are set in {@code recheck}.
     */
    public List<Outcome> parseAll(
            List<GraphWalker.SourceFile> files,
            Parsed same,
            Map<String, Cached> previous,
            Map<String, Cached> current,
            java.util.BitSet recheck,
            PropertyRules rules) {
        // Files the last read vouches for are taken as they are, here; the rest parse in parallel.
        List<GraphWalker.SourceFile> misses = new ArrayList<>();
        List<Integer> missAt = new ArrayList<>();
        Outcome[] known = same == null ? new Outcome[files.size()] : takeOver(files, same);
        for (int i = 0; i < files.size(); i++) {
            if (known[i] != null) {
                continue;
            }
            GraphWalker.SourceFile f = files.get(i);
            Cached hit = previous.get(f.path());
            if (hit != null && f.size() <= maxFileBytes && hit.unchanged(f)) {
                if (current != previous) {
                    current.put(f.path(), hit);
                }
                known[i] = hit.outcome();
            } else {
                misses.add(f);
                missAt.add(i);
            }
        }
        if (misses.size() < files.size()) {
            java.util.BitSet missed = new java.util.BitSet();
            List<Outcome> parsed = parseAll(misses, null, previous, current, missed, rules);
            for (int j = 0; j < misses.size(); j++) {
                known[missAt.get(j)] = parsed.get(j);
            }
            missed.stream().forEach(j -> recheck.set(missAt.get(j)));
            return java.util.Arrays.asList(known);
        }
        int threads = Math.min(parallelism, files.size());
        List<Outcome> out = new ArrayList<>(files.size());
        if (threads <= 1) {
            for (int i = 0; i < files.size(); i++) {
                out.add(parseFile(files.get(i), previous, current, rules));
                markUnvouched(files.get(i), i, current, recheck);
            }
            return out;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "draehi-parse-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>(files.size());
            for (GraphWalker.SourceFile f : files) {
                futures.add(pool.submit(() -> parseFile(f, previous, current, rules)));
            }
            for (int i = 0; i < files.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(failed(files.get(i), e.getCause()));
                }
                markUnvouched(files.get(i), i, current, recheck);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException(SyncException.Reason.OTHER, "interrupted while parsing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The outcome of each of {@code files} that {@code same} gave where the file is the same object
     * in the same place and vouched for, else null. After a one-page push this is all a read of
     * 50,000 files does: the outcomes are copied in bulk and only those that do not hold are
     * cleared. Stored one by one into a new array they took 4–9 ms at g50k while G1 marked the heap
     * (2.5 ms with the parallel collector); copied in bulk, 0.2–0.4 ms.
     */
    private static Outcome[] takeOver(List<GraphWalker.SourceFile> files, Parsed same) {
        List<GraphWalker.SourceFile> before = same.files();
        java.util.BitSet recheck = same.recheck();
        boolean allVouched = recheck.isEmpty();
        int n = Math.min(files.size(), before.size());
        List<Outcome> outcomes = same.outcomes();
        // one copy when there are as many files or more (the places past the last outcome stay
        // null); two when files went away
        Outcome[] known =
                files.size() >= outcomes.size()
                        ? outcomes.toArray(new Outcome[files.size()])
                        : java.util.Arrays.copyOf(outcomes.toArray(new Outcome[0]), files.size());
        for (int i = 0; i < n; i++) {
            if (files.get(i) != before.get(i) || !allVouched && recheck.get(i)) {
                known[i] = null;
            }
        }
        return known;
    }

    /** Sets place {@code i} in {@code recheck} when {@code f}'s parse does not vouch for it. */
    private static void markUnvouched(
            GraphWalker.SourceFile f,
            int i,
            Map<String, Cached> current,
            java.util.BitSet recheck) {
        Cached c = current.get(f.path());
        if (c == null || !c.unchanged(f)) {
            recheck.set(i);
        }
    }

    private Outcome parseFile(
            GraphWalker.SourceFile f,
            Map<String, Cached> previous,
            Map<String, Cached> current,
            PropertyRules rules) {
        List<SyncWarning> warnings = new ArrayList<>();
        try {
            if (f.size() > maxFileBytes) {
                return skippedTooLarge(f, f.size());
            }
            Cached hit = previous.get(f.path());
            if (hit != null && hit.unchanged(f)) {
                current.put(f.path(), hit);
                return hit.outcome();
            }
            long readAt = System.currentTimeMillis() * 1_000_000L;
            byte[] bytes = Files.readAllBytes(f.file());
            if (bytes.length > maxFileBytes) {
                return skippedTooLarge(f, bytes.length);
            }
            byte[] sha1 = sha1(bytes);
            // Only a file last changed well before this read may be vouched for by its time later.
            boolean settled = f.modified() < readAt - RACY_NANOS;
            if (hit != null && java.util.Arrays.equals(hit.sha1(), sha1)) {
                current.put(
                        f.path(),
                        settled
                                ? new Cached(
                                        sha1, hit.outcome(), f.size(), f.modified(), f.fileKey())
                                : hit);
                return hit.outcome();
            }
            SourceText.Decoded text = SourceText.decode(bytes);
            if (text.badLine() > 0) {
                warnings.add(
                        new SyncWarning(
                                f.path(),
                                text.badLine(),
                                "invalid UTF-8; bad bytes replaced with U+FFFD"));
            }
            ParsedFile parsed =
                    GraphWalker.isWhiteboard(f.path())
                            ? WhiteboardParser.parse(f.path(), text.text())
                            : FileNames.extension(f.path()).equals("org")
                                    ? new OrgParser(f.path(), maxDepth, rules).parse(text.text())
                                    : new MarkdownParser(f.path(), maxDepth, rules)
                                            .parse(text.text());
            Outcome outcome = new Outcome(parsed, warnings);
            current.put(
                    f.path(),
                    settled
                            ? new Cached(sha1, outcome, f.size(), f.modified(), f.fileKey())
                            : new Cached(sha1, outcome, -1, 0, null));
            return outcome;
        } catch (IOException e) {
            warnings.add(
                    new SyncWarning(
                            f.path(), 0, "could not read: " + e.getClass().getSimpleName()));
            return new Outcome(null, warnings);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(f, e);
        }
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static Outcome failed(GraphWalker.SourceFile f, Throwable e) {
        return new Outcome(
                null, List.of(new SyncWarning(f.path(), 0, "could not parse, skipped: " + e)));
    }

    private Outcome skippedTooLarge(GraphWalker.SourceFile f, long size) {
        return new Outcome(
                null,
                List.of(
                        new SyncWarning(
                                f.path(),
                                0,
                                "file is "
                                        + size
                                        + " bytes, over the limit of "
                                        + maxFileBytes
                                        + "; skipped")));
    }
}
