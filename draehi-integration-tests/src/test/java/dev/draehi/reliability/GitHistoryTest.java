package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Graph;
import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import dev.draehi.sync.LogseqGraphReader;
import dev.draehi.testing.DocsGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Logseq docs graph pushed to a local remote, then edited, renamed, deleted and force-pushed,
 * synced after each push on both storage backends. After every sync the stored site equals a full
 * sync of the same commit into fresh storage, and the repository's token appears in no log.
 */
@Tag("slow")
@Timeout(600)
class GitHistoryTest {
    static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");
    static final String TOKEN = "draehi-test-token-5f1c9a7e3b";
    static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path tmp;
    Path remote;
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "postgresql"})
    void everyPushIsPublishedAsAFullSyncWouldPublishIt(String backend) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new Tee(out, capture), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, capture), true, StandardCharsets.UTF_8));
        List<String> progress = new ArrayList<>();
        try (Storage storage =
                backend.equals("memory")
                        ? new InMemoryStorage()
                        : JdbiStorage.builder(PG.jdbcUrl()).build()) {
            remote = tmp.resolve("remote.git");
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(remote.toFile())
                    .call()
                    .close();
            work = tmp.resolve("work");
            TestFiles.copyTree(DocsGraph.path(), work);
            Publisher publisher =
                    Publisher.builder()
                            .storage(storage)
                            .source(
                                    GitGraphSource.builder()
                                            .checkoutRoot(tmp.resolve("checkouts"))
                                            .build())
                            .renderer(HtmlPageRenderer.builder().build())
                            .progress(progress::add)
                            .build();
            Workspace ws =
                    storage.workspaces()
                            .create(storage.users().create("history", "!").id(), "history");
            storage.repositories().create(ws.id(), remote.toUri().toString(), "main", TOKEN);

            // 1. the whole graph
            RevCommit first = commitAndPush("the docs graph", false);
            Deployment d = sync(publisher, ws);
            Graph parsed = LogseqGraphReader.builder().build().read(work, first.name());
            long blocks = parsed.pages().stream().mapToLong(p -> p.flatBlocks().size()).sum();
            assertThat(storage.nodes().count(ws.id())).isEqualTo(parsed.pages().size() + blocks);
            assertThat(storage.nodes().findPage(ws.id(), "Contents")).isPresent();
            assertSameAsFullSync(storage, ws, d);
            System.out.printf(
                    "git history (%s): %d pages, %d blocks%n",
                    backend, parsed.pages().size(), blocks);

            // 2. edits: a new block with a new page ref and tag, and a block that others block-ref
            append("pages/contents.md", "- pushed edit linking [[Brand New Page]] #pushed\n");
            Path withId = firstFileWithBlockId();
            String before = Files.readString(withId);
            Files.writeString(withId, editBlockWithId(before));
            assertThat(Files.readString(withId)).isNotEqualTo(before);
            commitAndPush("edit", false);
            d = syncIncrementally(publisher, ws);
            assertThat(storage.nodes().findPage(ws.id(), "brand new page")).isPresent();
            assertSameAsFullSync(storage, ws, d);

            // 3. a rename
            Path from = work.resolve("pages/Academic.md");
            Files.move(from, work.resolve("pages/Scholarly.md"));
            commitAndPush("rename", false);
            d = syncIncrementally(publisher, ws);
            assertThat(storage.nodes().findPage(ws.id(), "Scholarly")).isPresent();
            assertSameAsFullSync(storage, ws, d);

            // 4. a delete of a page other pages link to
            Files.delete(work.resolve("pages/All Platforms.md"));
            commitAndPush("delete", false);
            d = syncIncrementally(publisher, ws);
            assertSameAsFullSync(storage, ws, d);

            // 5. a force-push back to the first commit plus another change
            try (Git git = Git.open(work.toFile())) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(first.name()).call();
            }
            append("pages/contents.md", "- rewritten history\n");
            commitAndPush("rewritten", true);
            d = sync(publisher, ws);
            assertThat(storage.nodes().findPage(ws.id(), "Scholarly")).isEmpty();
            assertThat(storage.nodes().findPage(ws.id(), "All Platforms")).isPresent();
            assertSameAsFullSync(storage, ws, d);

            // 6. the same commit again is a no-op
            Deployment again = sync(publisher, ws);
            assertThat(again.buildLog()).anyMatch(l -> l.contains("unchanged"));

            // the token is nowhere
            StringBuilder everything = new StringBuilder(logs.toString(StandardCharsets.UTF_8));
            progress.forEach(everything::append);
            for (Deployment x : storage.deployments().list(ws.id(), 100)) {
                everything.append(x.buildLog()).append(x.errorLog()).append(x);
            }
            everything.append(storage.repositories().findByWorkspace(ws.id()).orElseThrow());
            assertThat(everything.toString()).doesNotContain(TOKEN);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Deployment sync(Publisher publisher, Workspace ws) {
        Deployment d = publisher.sync(ws.id());
        assertThat(d.succeeded()).as(d.errorLog()).isTrue();
        return d;
    }

    /** A sync that re-rendered only what the push changed. */
    private static Deployment syncIncrementally(Publisher publisher, Workspace ws) {
        Deployment d = sync(publisher, ws);
        assertThat(d.buildLog()).anyMatch(l -> l.contains("(incremental: "));
        return d;
    }

    /** The stored site equals what a full sync of the same commit into fresh storage stores. */
    private void assertSameAsFullSync(Storage storage, Workspace ws, Deployment d) {
        try (InMemoryStorage fresh = new InMemoryStorage()) {
            Workspace w =
                    fresh.workspaces().create(fresh.users().create("fresh", "!").id(), "history");
            fresh.repositories().create(w.id(), remote.toUri().toString(), "main", null);
            Publisher full =
                    Publisher.builder()
                            .storage(fresh)
                            .source(
                                    GitGraphSource.builder()
                                            .checkoutRoot(tmp.resolve("fresh-" + System.nanoTime()))
                                            .build())
                            .renderer(HtmlPageRenderer.builder().build())
                            .build();
            Deployment f = sync(full, w);
            assertThat(f.commitSha()).isEqualTo(d.commitSha());
            Map<String, String> expected = site(fresh, w);
            Map<String, String> actual = site(storage, ws);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String page : expected.keySet()) {
                assertThat(actual.get(page)).as(page).isEqualTo(expected.get(page));
            }
            assertThat(storage.nodes().routes(ws.id())).hasSameSizeAs(fresh.nodes().routes(w.id()));
        }
    }

    /**
     * Every page as readers see it: title, metadata, its blocks' tree positions, html and metadata,
     * and its linked references; uuids, which differ per workspace, are numbered in order of
     * appearance.
     */
    private static Map<String, String> site(Storage storage, Workspace ws) {
        Map<String, String> out = new TreeMap<>();
        for (Node p : storage.nodes().pages(ws.id())) {
            StringBuilder sb = new StringBuilder();
            sb.append(p.title())
                    .append('|')
                    .append(p.slug())
                    .append('|')
                    .append(canonical(p.metadata()));
            for (Node b : storage.nodes().blocksOfPage(ws.id(), p.pageName())) {
                sb.append('\n')
                        .append(b.parentUuid())
                        .append('|')
                        .append(b.order())
                        .append('|')
                        .append(b.html())
                        .append('|')
                        .append(canonical(b.metadata()));
            }
            sb.append("\nbacklinks:");
            storage.nodes().backlinks(ws.id(), p.uuid()).stream()
                    .map(n -> n.pageName() + ":" + n.html())
                    .sorted()
                    .forEach(s -> sb.append('\n').append(s));
            out.put(p.pageName(), numberUuids(sb.toString()));
        }
        return out;
    }

    /** Metadata with its maps in key order: backends may keep another order. */
    private static String canonical(dev.draehi.model.NodeMetadata m) {
        return m.tags()
                + "|"
                + new TreeMap<>(m.properties())
                + "|"
                + new TreeMap<>(m.frontmatter())
                + "|"
                + new TreeMap<>(m.attributes());
    }

    private static String numberUuids(String s) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        Matcher m = UUID.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int n = seen.computeIfAbsent(m.group(), k -> seen.size());
            m.appendReplacement(sb, "uuid" + n);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private RevCommit commitAndPush(String message, boolean force) throws Exception {
        boolean fresh = !Files.exists(work.resolve(".git"));
        try (Git git =
                fresh
                        ? Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()
                        : Git.open(work.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit c =
                    git.commit().setAuthor(AUTHOR).setCommitter(AUTHOR).setMessage(message).call();
            git.push()
                    .setRemote(remote.toUri().toString())
                    .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                    .setForce(force)
                    .call();
            return c;
        }
    }

    private void append(String file, String text) throws Exception {
        Path p = work.resolve(file);
        Files.writeString(
                p, Files.readString(p) + (Files.readString(p).endsWith("\n") ? "" : "\n") + text);
    }

    private Path firstFileWithBlockId() throws Exception {
        try (Stream<Path> s = Files.list(work.resolve("pages"))) {
            for (Path p : s.sorted().toList()) {
                if (Pattern.compile("(?m)^\\s*id:: ").matcher(Files.readString(p)).find()) {
                    return p;
                }
            }
        }
        throw new AssertionError("the docs graph has a block with an id");
    }

    /** Puts a word into the block that owns the first {@code id::} property. */
    private static String editBlockWithId(String text) {
        Matcher m = Pattern.compile("(?m)^(\\s*- )(.*)\\n(\\s*id:: )").matcher(text);
        assertThat(m.find()).isTrue();
        return text.substring(0, m.start(2)) + "EDITED " + text.substring(m.start(2));
    }

    /** Writes to two streams. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
