package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git remote misbehaves between syncs: it disappears, its branch is deleted, or its history is
 * replaced by a force-push. A failing sync says why and leaves the published site as it was.
 */
@Tag("slow")
@Timeout(120)
class RemoteTroubleTest {
    static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");

    @TempDir Path tmp;
    InMemoryStorage storage;
    Publisher publisher;
    Path remote;
    Workspace ws;

    @BeforeEach
    void publishVersionOne() throws Exception {
        storage = new InMemoryStorage();
        publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(GitGraphSource.builder().checkoutRoot(tmp.resolve("co")).build())
                        .renderer(HtmlPageRenderer.builder().build())
                        .build();
        remote = tmp.resolve("remote.git");
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(remote.toFile())
                .call()
                .close();
        push(
                tmp.resolve("work"),
                Map.of("pages/alpha.md", "- alpha v1\n", "pages/beta.md", "- beta v1 [[alpha]]\n"),
                "main",
                false);
        push(tmp.resolve("work"), Map.of("pages/draft.md", "- draft\n"), "draft", false);
        ws = storage.workspaces().create(storage.users().create("remote", "!").id(), "remote");
        storage.repositories().create(ws.id(), remote.toUri().toString(), "main", null);
        Deployment d = publisher.sync(ws.id());
        assertThat(d.succeeded()).as(d.errorLog()).isTrue();
        assertThat(content()).containsKeys("alpha", "beta").doesNotContainKey("draft");
    }

    @Test
    void remoteThatDisappearsFailsTheSyncAndKeepsTheSite() throws Exception {
        Map<String, String> before = content();
        TestFiles.deleteTree(remote);
        Deployment d = publisher.sync(ws.id());
        System.out.println("remote trouble: remote deleted: " + d.errorLog());
        assertFailedWithReason(d);
        assertThat(content()).isEqualTo(before);
    }

    @Test
    void deletedBranchFailsTheSyncAndKeepsTheSite() throws Exception {
        Map<String, String> before = content();
        try (Git git = Git.open(remote.toFile())) {
            // The bare remote's HEAD names main: delete the ref itself, leaving HEAD dangling.
            org.eclipse.jgit.lib.RefUpdate u = git.getRepository().updateRef("refs/heads/main");
            u.setForceUpdate(true);
            assertThat(u.delete()).isEqualTo(org.eclipse.jgit.lib.RefUpdate.Result.FORCED);
        }
        Deployment d = publisher.sync(ws.id());
        System.out.println("remote trouble: branch deleted: " + d.errorLog());
        assertFailedWithReason(d);
        assertThat(d.errorLog()).startsWith("branch_not_found: ");
        assertThat(content()).isEqualTo(before);
    }

    @Test
    void forcePushOfAnUnrelatedHistoryPublishesTheNewHistory() throws Exception {
        push(tmp.resolve("other"), Map.of("pages/gamma.md", "- gamma only\n"), "main", true);
        Deployment d = publisher.sync(ws.id());
        System.out.println("remote trouble: force-pushed: " + d.status() + " " + d.commitSha());
        assertThat(d.succeeded()).as(d.errorLog()).isTrue();
        Map<String, String> after = content();
        assertThat(after).containsKey("gamma").doesNotContainKeys("alpha", "beta");
        assertThat(after.get("gamma")).contains("gamma only");
        assertThat(String.join("", after.values())).doesNotContain("v1");
    }

    private void assertFailedWithReason(Deployment d) {
        assertThat(d.succeeded()).isFalse();
        assertThat(d.errorLog()).matches("(?s)[a-z_]+: .+");
        assertThat(storage.deployments().latestSuccessful(ws.id())).isPresent();
    }

    /** Page name to its blocks' html, as readers see it. */
    private Map<String, String> content() {
        Map<String, String> out = new TreeMap<>();
        for (Node p : storage.nodes().pages(ws.id())) {
            out.put(
                    p.pageName().toLowerCase(java.util.Locale.ROOT),
                    String.join(
                            "\n",
                            storage.nodes().blocksOfPage(ws.id(), p.pageName()).stream()
                                    .map(Node::html)
                                    .toList()));
        }
        return out;
    }

    /** Commits {@code files} in the work tree {@code work} on {@code branch} and pushes it. */
    private void push(Path work, Map<String, String> files, String branch, boolean force)
            throws Exception {
        boolean fresh = !Files.exists(work.resolve(".git"));
        try (Git git =
                fresh
                        ? Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()
                        : Git.open(work.toFile())) {
            if (!git.getRepository().getBranch().equals(branch)) {
                git.checkout()
                        .setName(branch)
                        .setCreateBranch(git.getRepository().findRef(branch) == null)
                        .call();
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = work.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit().setAuthor(AUTHOR).setCommitter(AUTHOR).setMessage("commit").call();
            git.push()
                    .setRemote(remote.toUri().toString())
                    .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
                    .setForce(force)
                    .call();
        }
    }
}
