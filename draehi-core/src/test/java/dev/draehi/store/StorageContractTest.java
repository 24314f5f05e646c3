package dev.draehi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.DomainClaim;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.model.Session;
import dev.draehi.model.SyncJob;
import dev.draehi.model.SyncJobStatus;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The storage contract (TCK): every {@link Storage} backend must pass it. A backend's test extends
 * this class and returns a new, empty storage from {@link #newStorage()}.
 *
 * <pre>{@code
 * class MyStorageContractTest extends StorageContractTest {
 *     protected Storage newStorage() { return new MyStorage(freshDatabase()); }
 * }
 * }</pre>
 */
public abstract class StorageContractTest {
    protected Storage storage;

    /** A new storage with no rows in it. Called before every test. */
    protected abstract Storage newStorage();

    @BeforeEach
    void openStorage() {
        storage = newStorage();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    // ---- users

    @Test
    void createdUserIsFoundByIdAndUsername() {
        User u = storage.users().create("ada", "$2a$10$hash");
        assertThat(u.id()).isPositive();
        assertThat(u.createdAt()).isNotNull();
        assertThat(storage.users().findById(u.id())).contains(u);
        assertThat(storage.users().findByUsername("ada")).contains(u);
        assertThat(storage.users().findByUsername("ADA")).isEmpty();
        assertThat(storage.users().findById(u.id() + 1000)).isEmpty();
    }

    @Test
    void duplicateUsernameIsAConflict() {
        storage.users().create("ada", "h1");
        assertThatThrownBy(() -> storage.users().create("ada", "h2"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("ada");
        assertThat(storage.users().findByUsername("ada").orElseThrow().passwordHash())
                .isEqualTo("h1");
    }

    @Test
    void deletingUnknownUserReturnsFalse() {
        assertThat(storage.users().delete(424242)).isFalse();
    }

    @Test
    void userToStringHidesPasswordHash() {
        User u = storage.users().create("ada", "$2a$10$secret-hash");
        assertThat(u.toString()).doesNotContain("secret-hash");
    }

    // ---- domain claims

    @Test
    void domainClaimsAreStoredReplacedAndFoundByDomain() {
        Workspace a = workspace("ada");
        Workspace b = workspace("bob");
        Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
        assertThat(storage.domainClaims().find(a.id())).isEmpty();
        DomainClaim ca = new DomainClaim(a.id(), "notes.example", "tok-a", null, null, null, null);
        storage.domainClaims().put(ca);
        storage.domainClaims()
                .put(new DomainClaim(b.id(), "notes.example", "tok-b", t, t, null, "moved"));
        assertThat(storage.domainClaims().find(a.id())).contains(ca);
        assertThat(storage.domainClaims().findByDomain("notes.example"))
                .extracting(DomainClaim::token)
                .containsExactly("tok-a", "tok-b");
        DomainClaim checked = ca.checked(true, t);
        storage.domainClaims().put(checked);
        assertThat(storage.domainClaims().find(a.id())).contains(checked);
        assertThat(storage.domainClaims().list()).hasSize(2);
        assertThat(storage.domainClaims().delete(a.id())).isTrue();
        assertThat(storage.domainClaims().delete(a.id())).isFalse();
        assertThat(storage.domainClaims().findByDomain("notes.example")).hasSize(1);
    }

    @Test
    void domainClaimOfUnknownWorkspaceIsNotFoundAndGoesWithItsWorkspace() {
        assertThatThrownBy(
                        () ->
                                storage.domainClaims()
                                        .put(
                                                new DomainClaim(
                                                        4242,
                                                        "x.example",
                                                        "t",
                                                        null,
                                                        null,
                                                        null,
                                                        null)))
                .isInstanceOf(NotFoundException.class);
        Workspace w = workspace("ada");
        storage.domainClaims()
                .put(new DomainClaim(w.id(), "x.example", "t", null, null, null, null));
        storage.users().delete(w.userId());
        assertThat(storage.domainClaims().list()).isEmpty();
    }

    // ---- workspaces

    @Test
    void workspaceGetsSlugFromNameAndSeedDefaults() {
        User u = storage.users().create("ada", "h");
        Workspace w = storage.workspaces().create(u.id(), "Ada's Notes!");
        assertThat(w.slug()).isEqualTo("ada-s-notes");
        assertThat(w.name()).isEqualTo("Ada's Notes!");
        assertThat(w.embedDepth()).isEqualTo(5);
        assertThat(w.domain()).isNull();
        assertThat(w.userId()).isEqualTo(u.id());
        assertThat(storage.workspaces().findById(w.id())).contains(w);
        assertThat(storage.workspaces().findBySlug("ada-s-notes")).contains(w);
        assertThat(storage.workspaces().findByUser(u.id())).contains(w);
    }

    @Test
    void workspaceSlugCollisionsGetSuffixes() {
        Workspace a = storage.workspaces().create(storage.users().create("a", "h").id(), "Notes");
        Workspace b = storage.workspaces().create(storage.users().create("b", "h").id(), "notes");
        Workspace c = storage.workspaces().create(storage.users().create("c", "h").id(), "NOTES");
        assertThat(List.of(a.slug(), b.slug(), c.slug()))
                .containsExactly("notes", "notes-2", "notes-3");
    }

    @Test
    void reservedAndEmptyNamesStillGetValidSlugs() {
        Workspace api = storage.workspaces().create(storage.users().create("a", "h").id(), "API");
        Workspace bang = storage.workspaces().create(storage.users().create("b", "h").id(), "!!!");
        Workspace dash =
                storage.workspaces().create(storage.users().create("c", "h").id(), "Dashboard");
        assertThat(api.slug()).isEqualTo("api-site");
        assertThat(bang.slug()).isEqualTo("workspace");
        assertThat(dash.slug()).isEqualTo("dashboard-site");
    }

    @Test
    void oneWorkspacePerUser() {
        User u = storage.users().create("ada", "h");
        storage.workspaces().create(u.id(), "one");
        assertThatThrownBy(() -> storage.workspaces().create(u.id(), "two"))
                .isInstanceOf(ConflictException.class);
        assertThat(storage.workspaces().list()).hasSize(1);
    }

    @Test
    void workspaceForUnknownUserIsNotFound() {
        assertThatThrownBy(() -> storage.workspaces().create(999, "x"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updatingWorkspaceMovesUpdatedAt() throws InterruptedException {
        Workspace w = storage.workspaces().create(storage.users().create("a", "h").id(), "Notes");
        Thread.sleep(5);
        Workspace u =
                storage.workspaces()
                        .update(
                                w.withName("New")
                                        .withSlug("new-notes")
                                        .withEmbedDepth(3)
                                        .withDomain("n.example"));
        assertThat(u.name()).isEqualTo("New");
        assertThat(u.slug()).isEqualTo("new-notes");
        assertThat(u.embedDepth()).isEqualTo(3);
        assertThat(u.domain()).isEqualTo("n.example");
        assertThat(u.createdAt()).isEqualTo(w.createdAt());
        assertThat(u.updatedAt()).isAfter(w.updatedAt());
        assertThat(storage.workspaces().findBySlug("new-notes")).contains(u);
        assertThat(storage.workspaces().findBySlug("notes")).isEmpty();
    }

    @Test
    void updatingWorkspaceToTakenSlugIsAConflict() {
        Workspace a = storage.workspaces().create(storage.users().create("a", "h").id(), "alpha");
        storage.workspaces().create(storage.users().create("b", "h").id(), "beta");
        assertThatThrownBy(() -> storage.workspaces().update(a.withSlug("beta")))
                .isInstanceOf(ConflictException.class);
        assertThat(storage.workspaces().findById(a.id()).orElseThrow().slug()).isEqualTo("alpha");
    }

    @Test
    void updatingUnknownWorkspaceIsNotFound() {
        Workspace w = storage.workspaces().create(storage.users().create("a", "h").id(), "alpha");
        storage.users().delete(w.userId());
        assertThatThrownBy(() -> storage.workspaces().update(w.withName("x")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void invalidSlugIsRejectedBeforeStorage() {
        Workspace w = storage.workspaces().create(storage.users().create("a", "h").id(), "alpha");
        assertThatThrownBy(() -> w.withSlug("Not A Slug")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> w.withSlug("api")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> w.withSlug("")).isInstanceOf(ValidationException.class);
    }

    @Test
    void workspacesAreListedBySlug() {
        storage.workspaces().create(storage.users().create("a", "h").id(), "zeta");
        storage.workspaces().create(storage.users().create("b", "h").id(), "alpha");
        assertThat(storage.workspaces().list())
                .extracting(Workspace::slug)
                .containsExactly("alpha", "zeta");
    }

    // ---- git repositories

    @Test
    void repositoryHasSeedDefaultsAndStatusUpdates() throws InterruptedException {
        Workspace w = workspace("ada");
        GitRepository r =
                storage.repositories().create(w.id(), "https://github.com/u/r", null, "tok");
        assertThat(r.branch()).isEqualTo("main");
        assertThat(r.syncStatus()).isEqualTo(SyncStatus.IDLE);
        assertThat(r.lastSync()).isNull();
        assertThat(r.deployKey()).isEqualTo("tok");
        assertThat(r.toString()).doesNotContain("tok");
        assertThat(storage.repositories().findByWorkspace(w.id())).contains(r);

        Thread.sleep(5);
        Instant done = Instant.parse("2026-01-02T03:04:05Z");
        GitRepository s =
                storage.repositories().updateStatus(w.id(), SyncStatus.ERROR, done, "boom");
        assertThat(s.syncStatus()).isEqualTo(SyncStatus.ERROR);
        assertThat(s.lastSync()).isEqualTo(done);
        assertThat(s.errorLog()).isEqualTo("boom");
        assertThat(s.updatedAt()).isAfter(r.updatedAt());

        GitRepository t =
                storage.repositories().updateStatus(w.id(), SyncStatus.SUCCESS, null, null);
        assertThat(t.lastSync()).isEqualTo(done);
        assertThat(t.errorLog()).isNull();

        GitRepository u =
                storage.repositories().update(w.id(), "https://github.com/u/other", "dev", null);
        assertThat(u.repoUrl()).isEqualTo("https://github.com/u/other");
        assertThat(u.branch()).isEqualTo("dev");
        assertThat(u.deployKey()).isNull();
        assertThat(u.syncStatus()).isEqualTo(SyncStatus.SUCCESS);
        assertThat(storage.repositories().list()).containsExactly(u);
    }

    @Test
    void webhookSecretIsStoredReplacedClearedAndCascaded() {
        User u = storage.users().create("ada", "h");
        Workspace w = storage.workspaces().create(u.id(), "notes");
        assertThatThrownBy(() -> storage.repositories().setWebhookSecret(w.id(), "s"))
                .isInstanceOf(NotFoundException.class);
        assertThat(storage.repositories().webhookSecret(w.id())).isEmpty();
        storage.repositories().create(w.id(), "https://example.com/r.git", null, null);
        storage.repositories().setWebhookSecret(w.id(), "first-secret");
        storage.repositories().setWebhookSecret(w.id(), "second-secret");
        assertThat(storage.repositories().webhookSecret(w.id())).contains("second-secret");
        assertThat(storage.repositories().findByWorkspace(w.id()).orElseThrow().toString())
                .doesNotContain("second-secret");
        storage.repositories().setWebhookSecret(w.id(), null);
        assertThat(storage.repositories().webhookSecret(w.id())).isEmpty();
        storage.repositories().setWebhookSecret(w.id(), "third-secret");
        storage.users().delete(u.id());
        assertThat(storage.repositories().webhookSecret(w.id())).isEmpty();
    }

    // ---- sessions

    @Test
    void sessionsAreFoundTouchedExpiredAndDeleted() throws InterruptedException {
        User ada = storage.users().create("ada", "h");
        User bob = storage.users().create("bob", "h");
        Session s = storage.sessions().create("a".repeat(64), ada.id(), "csrf-1");
        storage.sessions().create("b".repeat(64), ada.id(), "csrf-2");
        storage.sessions().create("c".repeat(64), bob.id(), "csrf-3");
        assertThat(s.userId()).isEqualTo(ada.id());
        assertThat(s.toString()).doesNotContain("csrf-1").doesNotContain("aaaa");
        Instant longAgo = Instant.parse("2000-01-01T00:00:00Z");
        Session found = storage.sessions().find(s.id(), longAgo).orElseThrow();
        assertThat(found.csrfToken()).isEqualTo("csrf-1");
        assertThat(storage.sessions().find("d".repeat(64), longAgo)).isEmpty();

        Instant before = found.lastSeenAt();
        Thread.sleep(5);
        assertThat(storage.sessions().touch(s.id())).isTrue();
        Instant after = storage.sessions().find(s.id(), longAgo).orElseThrow().lastSeenAt();
        assertThat(after).isAfter(before);
        assertThat(storage.sessions().find(s.id(), after.plusSeconds(1))).isEmpty();

        assertThatThrownBy(() -> storage.sessions().create("a".repeat(64), bob.id(), "x"))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> storage.sessions().create("e".repeat(64), 424242, "x"))
                .isInstanceOf(NotFoundException.class);

        assertThat(storage.sessions().deleteIdle(after)).isEqualTo(2); // b and c
        assertThat(storage.sessions().delete(s.id())).isTrue();
        assertThat(storage.sessions().delete(s.id())).isFalse();
        assertThat(storage.sessions().touch(s.id())).isFalse();

        storage.sessions().create("f".repeat(64), bob.id(), "y");
        storage.sessions().create("0".repeat(64), bob.id(), "z");
        assertThat(storage.sessions().deleteByUser(bob.id())).isEqualTo(2);
        storage.sessions().create("1".repeat(64), bob.id(), "z");
        storage.users().delete(bob.id());
        assertThat(storage.sessions().find("1".repeat(64), longAgo)).isEmpty();
    }

    @Test
    void oneRepositoryPerWorkspace() {
        Workspace w = workspace("ada");
        storage.repositories().create(w.id(), "file:///a", "main", null);
        assertThatThrownBy(() -> storage.repositories().create(w.id(), "file:///b", "main", null))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void repositoryOfUnknownWorkspaceIsNotFound() {
        assertThatThrownBy(() -> storage.repositories().create(999, "file:///a", "main", null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () -> storage.repositories().updateStatus(999, SyncStatus.IDLE, null, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(storage.repositories().findByWorkspace(999)).isEmpty();
    }

    // ---- deployments

    @Test
    void deploymentsMoveThroughStatusesWithBuildLog() {
        Workspace w = workspace("ada");
        Deployment d = storage.deployments().create(w.id(), "", DeploymentStatus.PENDING);
        assertThat(d.status()).isEqualTo(DeploymentStatus.PENDING);
        assertThat(d.buildLog()).isEmpty();
        String sha = "0123456789abcdef0123456789abcdef01234567";
        Deployment b =
                storage.deployments()
                        .update(d.id(), sha, DeploymentStatus.BUILDING, null, List.of("a"));
        Deployment s =
                storage.deployments()
                        .update(
                                d.id(),
                                sha,
                                DeploymentStatus.SUCCESS,
                                null,
                                List.of("a", "b \"quoted\" ü"));
        assertThat(b.status()).isEqualTo(DeploymentStatus.BUILDING);
        assertThat(s.commitSha()).isEqualTo(sha);
        assertThat(s.deployedAt()).isEqualTo(d.deployedAt());
        assertThat(storage.deployments().findById(d.id()).orElseThrow().buildLog())
                .containsExactly("a", "b \"quoted\" ü");
        assertThat(storage.deployments().latestSuccessful(w.id())).contains(s);
    }

    @Test
    void deploymentsAreListedNewestFirstWithLimit() {
        Workspace w = workspace("ada");
        Workspace other = workspace("bob");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(storage.deployments().create(w.id(), "c" + i, DeploymentStatus.PENDING).id());
        }
        storage.deployments().create(other.id(), "x", DeploymentStatus.PENDING);
        List<Deployment> list = storage.deployments().list(w.id());
        assertThat(list).hasSize(10);
        assertThat(list.get(0).commitSha()).isEqualTo("c11");
        assertThat(list.get(9).commitSha()).isEqualTo("c2");
        assertThat(storage.deployments().list(w.id(), 3))
                .extracting(Deployment::commitSha)
                .containsExactly("c11", "c10", "c9");
        assertThat(storage.deployments().list(w.id(), 0)).isEmpty();
        assertThat(storage.deployments().latestSuccessful(w.id())).isEmpty();
    }

    @Test
    void deploymentOfUnknownWorkspaceOrIdIsNotFound() {
        assertThatThrownBy(() -> storage.deployments().create(999, "x", DeploymentStatus.PENDING))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () ->
                                storage.deployments()
                                        .update(999, "x", DeploymentStatus.FAILED, "e", List.of()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void abandonedDeploymentsAreMarkedFailed() {
        Workspace w = workspace("ada");
        storage.repositories().create(w.id(), "file:///a", "main", null);
        storage.repositories().updateStatus(w.id(), SyncStatus.SYNCING, null, null);
        Deployment building = storage.deployments().create(w.id(), "a", DeploymentStatus.BUILDING);
        Deployment pending = storage.deployments().create(w.id(), "b", DeploymentStatus.PENDING);
        Deployment done = storage.deployments().create(w.id(), "c", DeploymentStatus.SUCCESS);

        assertThat(storage.failAbandonedDeployments()).isEqualTo(2);

        assertThat(storage.deployments().findById(building.id()).orElseThrow().status())
                .isEqualTo(DeploymentStatus.FAILED);
        assertThat(storage.deployments().findById(pending.id()).orElseThrow().errorLog())
                .isNotBlank();
        assertThat(storage.deployments().findById(done.id()).orElseThrow().status())
                .isEqualTo(DeploymentStatus.SUCCESS);
        assertThat(storage.repositories().findByWorkspace(w.id()).orElseThrow().syncStatus())
                .isEqualTo(SyncStatus.ERROR);
        assertThat(storage.failAbandonedDeployments()).isZero();
    }

    @Test
    @Timeout(30)
    void aDeploymentWhoseSyncLockIsHeldIsNotAbandoned() throws Exception {
        Workspace w = workspace("ada");
        storage.repositories().create(w.id(), "file:///a", "main", null);
        storage.repositories().updateStatus(w.id(), SyncStatus.SYNCING, null, null);
        Deployment running = storage.deployments().create(w.id(), "a", DeploymentStatus.BUILDING);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread syncer =
                new Thread(
                        () -> {
                            try (Storage.WorkspaceLock lock = storage.lockWorkspace(w.id())) {
                                held.countDown();
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        syncer.start();
        held.await();
        try {
            assertThat(storage.failAbandonedDeployments()).isZero();
            assertThat(storage.deployments().findById(running.id()).orElseThrow().status())
                    .isEqualTo(DeploymentStatus.BUILDING);
            assertThat(storage.repositories().findByWorkspace(w.id()).orElseThrow().syncStatus())
                    .isEqualTo(SyncStatus.SYNCING);
        } finally {
            release.countDown();
            syncer.join();
        }
        assertThat(storage.failAbandonedDeployments()).isEqualTo(1);
    }

    // ---- nodes

    @Test
    void replacedContentIsReadBackByEveryQuery() {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));

        assertThat(storage.nodes().count(w.id())).isEqualTo(7);
        assertThat(storage.nodes().pages(w.id()))
                .extracting(Node::pageName)
                .containsExactly("Alpha", "Projects/Beta", "zeta");

        Node alpha = storage.nodes().findPage(w.id(), "alpha").orElseThrow();
        assertThat(alpha.uuid()).isEqualTo(NodeIds.pageUuid(w.id(), "Alpha"));
        Map<String, Node> some =
                storage.nodes().findPages(w.id(), List.of("alpha", "PROJECTS/beta", "missing"));
        assertThat(some).containsOnlyKeys("alpha", "PROJECTS/beta");
        assertThat(some.get("alpha")).isEqualTo(alpha);
        assertThat(some.get("PROJECTS/beta").pageName()).isEqualTo("Projects/Beta");
        assertThat(storage.nodes().findPages(w.id(), List.of())).isEmpty();
        assertThat(storage.nodes().journals(w.id())).isEmpty();
        assertThat(alpha.isPage()).isTrue();
        assertThat(alpha.html()).isNull();
        assertThat(alpha.metadata().tags()).containsExactly("t1");
        assertThat(alpha.metadata().properties()).containsEntry("type", "note");
        assertThat(alpha.metadata().attribute(NodeMetadata.Attributes.PATH)).contains("alpha");
        assertThat(alpha.createdAt()).isNotNull();
        assertThat(storage.nodes().findByUuid(alpha.uuid())).contains(alpha);

        assertThat(storage.nodes().findByPath(w.id(), "projects/beta").orElseThrow().pageName())
                .isEqualTo("Projects/Beta");
        assertThat(storage.nodes().findByPath(w.id(), "Projects/BETA")).isPresent();
        assertThat(storage.nodes().findByPath(w.id(), "projects")).isEmpty();
        assertThat(storage.nodes().routes(w.id()))
                .extracting(PageRoute::path)
                .containsExactly("alpha", "projects/beta", "zeta");
        assertThat(storage.nodes().routeCount(w.id(), 100)).isEqualTo(3);
        assertThat(storage.nodes().routeCount(w.id(), 2)).isEqualTo(2);

        List<Node> blocks = storage.nodes().blocksOfPage(w.id(), "Alpha");
        assertThat(blocks)
                .extracting(Node::html)
                .containsExactly("<p>a0</p>", "<p>a1</p>", "<p>a2</p>");
        assertThat(blocks.get(1).parentUuid()).isEqualTo(blocks.get(0).uuid());
        assertThat(blocks.get(2).parentUuid()).isEqualTo(alpha.uuid());
        assertThat(blocks).allSatisfy(b -> assertThat(b.title()).isEqualTo("Alpha"));
        assertThat(blocks.get(0).metadata().attribute(NodeMetadata.Attributes.BLOCK_ID))
                .contains("6453a7a2-1111-2222-3333-444455556666");
        assertThat(storage.nodes().blocksOfPage(w.id(), "alpha")).isEmpty();

        // every page with its blocks in one read, as blocksOfPage gives them
        Map<String, List<Node>> each = new LinkedHashMap<>();
        storage.nodes()
                .forEachPage(
                        w.id(),
                        (page, its) -> {
                            assertThat(page.isPage()).isTrue();
                            assertThat(each.put(page.pageName(), its)).isNull();
                        });
        assertThat(each)
                .containsOnlyKeys(
                        storage.nodes().pages(w.id()).stream().map(Node::pageName).toList());
        each.forEach(
                (name, its) ->
                        assertThat(its)
                                .as(name)
                                .isEqualTo(storage.nodes().blocksOfPage(w.id(), name)));
        assertThat(each.get("Alpha")).isEqualTo(blocks);

        String beta = NodeIds.pageUuid(w.id(), "Projects/Beta");
        assertThat(storage.nodes().backlinks(w.id(), beta))
                .extracting(Node::html)
                .containsExactly("<p>a1</p>", "<p>a2</p>", "<p>z0</p>");
        assertThat(storage.nodes().backlinks(w.id(), blocks.get(0).uuid()))
                .extracting(Node::html)
                .containsExactly("<p>z0</p>");
        assertThat(storage.nodes().backlinks(w.id(), alpha.uuid())).isEmpty();
    }

    @Test
    void linkedReferencesGroupTheBacklinksOfOtherPagesAndCountThemAll() {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));
        String beta = NodeIds.pageUuid(w.id(), "Projects/Beta");

        LinkedReferences all = storage.nodes().linkedReferences(w.id(), beta, "Projects/Beta", 10);
        assertThat(all.blockCount()).isEqualTo(3);
        assertThat(all.pageCount()).isEqualTo(2);
        assertThat(all.groups())
                .extracting(LinkedReferences.Group::pageName, LinkedReferences.Group::pagePath)
                .containsExactly(tuple("Alpha", "alpha"), tuple("zeta", "zeta"));
        assertThat(all.groups().get(0).blocks())
                .extracting(Node::html)
                .containsExactly("<p>a1</p>", "<p>a2</p>");
        assertThat(all.groups().get(1).blocks())
                .extracting(Node::html)
                .containsExactly("<p>z0</p>");

        // the first pages only, with the counts of all
        LinkedReferences first = storage.nodes().linkedReferences(w.id(), beta, "Projects/Beta", 1);
        assertThat(first.groups())
                .extracting(LinkedReferences.Group::pageName)
                .containsExactly("Alpha");
        assertThat(first.blockCount()).isEqualTo(3);
        assertThat(first.pageCount()).isEqualTo(2);
        LinkedReferences none = storage.nodes().linkedReferences(w.id(), beta, "Projects/Beta", 0);
        assertThat(none.groups()).isEmpty();
        assertThat(none.blockCount()).isEqualTo(3);
        assertThat(none.pageCount()).isEqualTo(2);

        // the page's own blocks are not among its linked references
        LinkedReferences notAlpha = storage.nodes().linkedReferences(w.id(), beta, "Alpha", 10);
        assertThat(notAlpha.groups())
                .extracting(LinkedReferences.Group::pageName)
                .containsExactly("zeta");
        assertThat(notAlpha.blockCount()).isEqualTo(1);

        String a0 = storage.nodes().blocksOfPage(w.id(), "Alpha").get(0).uuid();
        assertThat(storage.nodes().linkedReferences(w.id(), a0, "Alpha", 10).groups())
                .singleElement()
                .satisfies(
                        g ->
                                assertThat(g.blocks())
                                        .extracting(Node::html)
                                        .containsExactly("<p>z0</p>"));
        String alpha = NodeIds.pageUuid(w.id(), "Alpha");
        assertThat(storage.nodes().linkedReferences(w.id(), alpha, "Alpha", 10))
                .isEqualTo(LinkedReferences.NONE);
        assertThat(storage.nodes().linkedReferences(999, beta, "Projects/Beta", 10))
                .isEqualTo(LinkedReferences.NONE);
        assertThatThrownBy(
                        () -> storage.nodes().linkedReferences(w.id(), beta, "Projects/Beta", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageThatRefersThroughItsPropertiesIsListedBeforeItsBlocks() {
        Workspace w = workspace("ada");
        WorkspaceContent sample = sampleContent(w.id());
        String alpha = NodeIds.pageUuid(w.id(), "Alpha");
        String zeta = NodeIds.pageUuid(w.id(), "zeta");
        String beta = NodeIds.pageUuid(w.id(), "Projects/Beta");
        List<Reference> refs = new java.util.ArrayList<>(sample.references());
        // type:: [[Projects/Beta]] on Alpha, tags:: Projects/Beta on zeta
        refs.add(new Reference(alpha, beta, Reference.Kind.PAGE));
        refs.add(new Reference(zeta, beta, Reference.Kind.TAG));
        storage.nodes()
                .replaceAll(w.id(), new WorkspaceContent(sample.nodes(), sample.routes(), refs));

        LinkedReferences all = storage.nodes().linkedReferences(w.id(), beta, "Projects/Beta", 10);
        assertThat(all.blockCount()).isEqualTo(5);
        assertThat(all.pageCount()).isEqualTo(2);
        assertThat(all.groups().get(0).blocks())
                .extracting(Node::uuid)
                .startsWith(alpha)
                .hasSize(3);
        assertThat(all.groups().get(1).blocks())
                .extracting(Node::isPage)
                .containsExactly(true, false);
        assertThat(storage.nodes().backlinks(w.id(), beta))
                .extracting(Node::isPage)
                .containsExactly(true, false, false, true, false);
        assertThat(
                        storage.nodes()
                                .pageContent(w.id(), "projects/beta", 10)
                                .orElseThrow()
                                .references())
                .isEqualTo(all);

        // replacing the referring page drops the references from its properties
        Node alphaNode = storage.nodes().findByUuid(alpha).orElseThrow();
        storage.nodes()
                .replacePages(
                        w.id(),
                        List.of(alpha),
                        new WorkspaceContent(
                                List.of(alphaNode),
                                List.of(new PageRoute("alpha", alpha)),
                                List.of()));
        assertThat(storage.nodes().linkedReferences(w.id(), beta, "Projects/Beta", 10).groups())
                .extracting(LinkedReferences.Group::pageName)
                .containsExactly("zeta");
    }

    @Test
    void pageContentIsThePageWithItsBlocksAndLinkedReferences() {
        Workspace w = sampleBesideAnother();
        String beta = NodeIds.pageUuid(w.id(), "Projects/Beta");

        PageContent c = storage.nodes().pageContent(w.id(), "Projects/BETA", 1).orElseThrow();
        assertThat(c.page()).isEqualTo(storage.nodes().findByUuid(beta).orElseThrow());
        assertThat(c.blocks()).isEqualTo(storage.nodes().blocksOfPage(w.id(), "Projects/Beta"));
        assertThat(c.references())
                .isEqualTo(storage.nodes().linkedReferences(w.id(), beta, "Projects/Beta", 1));
        assertThat(c.references().groups()).hasSize(1);
        assertThat(c.references().pageCount()).isEqualTo(2);

        PageContent alpha = storage.nodes().pageContent(w.id(), "alpha", 10).orElseThrow();
        assertThat(alpha.blocks())
                .extracting(Node::html)
                .containsExactly("<p>a0</p>", "<p>a1</p>", "<p>a2</p>");
        assertThat(alpha.blocks()).allSatisfy(b -> assertThat(b.workspaceId()).isEqualTo(w.id()));
        assertThat(alpha.references()).isEqualTo(LinkedReferences.NONE);
        assertThat(storage.nodes().pageContent(w.id(), "alpha", 0).orElseThrow().blocks())
                .hasSize(3);

        assertThat(storage.nodes().pageContent(w.id(), "projects", 10)).isEmpty();
        assertThat(storage.nodes().pageContent(999, "alpha", 10)).isEmpty();
        assertThatThrownBy(() -> storage.nodes().pageContent(w.id(), "alpha", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchFindsPagesByTitleAndBlocksByTextOfOneWorkspace() {
        Workspace w = sampleBesideAnother();

        assertThat(storage.nodes().search(w.id(), "beta", 10))
                .extracting(Node::pageName)
                .containsExactly("Projects/Beta");
        assertThat(storage.nodes().search(w.id(), "A1", 10))
                .extracting(Node::html)
                .containsExactly("<p>a1</p>");
        assertThat(storage.nodes().search(w.id(), "p", 10)).isEmpty();
        assertThat(storage.nodes().search(w.id(), "", 10)).isEmpty();
        assertThat(storage.nodes().search(w.id(), "z0 nothing", 10)).isEmpty();
        assertThat(storage.nodes().search(w.id(), "' OR 1=1 --", 10)).isEmpty();
        assertThat(storage.nodes().search(999, "beta", 10)).isEmpty();

        // words joined by a hyphen are found as written and each alone
        Workspace third = workspace("cy");
        Node notes = page(third.id(), "Notes", "notes");
        Node block =
                Node.block(
                        NodeIds.blockUuid(third.id(), "Notes", "n0", 0),
                        notes,
                        notes.uuid(),
                        0,
                        "<p>a well-known <b>trick</b> &amp; more</p>",
                        null);
        storage.nodes()
                .replaceAll(
                        third.id(),
                        new WorkspaceContent(
                                List.of(notes, block),
                                List.of(new PageRoute("notes", notes.uuid())),
                                List.of()));
        for (String q : List.of("well-known", "known", "WELL known trick")) {
            assertThat(storage.nodes().search(third.id(), q, 10))
                    .as(q)
                    .extracting(Node::uuid)
                    .containsExactly(block.uuid());
        }
        assertThat(storage.nodes().search(third.id(), "b", 10)).isEmpty();
    }

    @Test
    void searchFollowsEveryReplaceAndKeepsTheFirstMegabyteOfABlocksWords() {
        Workspace w = workspace("ada");
        Node notes = page(w.id(), "Notes", "notes");
        // 150,000 distinct words, 1.2 MB: more than a PostgreSQL tsvector holds
        StringBuilder huge = new StringBuilder("<pre><code>");
        for (int i = 0; i < 150_000; i++) {
            huge.append(Integer.toHexString(0x1000000 + i * 7919)).append(' ');
        }
        Node big =
                Node.block(
                        NodeIds.blockUuid(w.id(), "Notes", "n0", 0),
                        notes,
                        notes.uuid(),
                        0,
                        huge.append("</code></pre>").toString(),
                        null);
        java.util.function.Function<String, Node> small =
                html ->
                        Node.block(
                                NodeIds.blockUuid(w.id(), "Notes", "n1", 1),
                                notes,
                                notes.uuid(),
                                1,
                                html,
                                null);
        List<PageRoute> routes = List.of(new PageRoute("notes", notes.uuid()));
        storage.nodes()
                .replaceAll(
                        w.id(),
                        new WorkspaceContent(
                                List.of(notes, big, small.apply("<p>first draft</p>")),
                                routes,
                                List.of()));
        assertThat(storage.nodes().search(w.id(), Integer.toHexString(0x1000000), 10))
                .extracting(Node::uuid)
                .containsExactly(big.uuid());
        assertThat(storage.nodes().search(w.id(), "draft", 10)).hasSize(1);

        storage.nodes()
                .replacePages(
                        w.id(),
                        List.of(notes.uuid()),
                        new WorkspaceContent(
                                List.of(notes, big, small.apply("<p>second version</p>")),
                                routes,
                                List.of()));
        assertThat(storage.nodes().search(w.id(), "draft", 10)).isEmpty();
        assertThat(storage.nodes().search(w.id(), "second", 10))
                .extracting(Node::html)
                .containsExactly("<p>second version</p>");

        storage.nodes()
                .replacePages(
                        w.id(),
                        List.of(notes.uuid()),
                        new WorkspaceContent(List.of(notes), routes, List.of()));
        assertThat(storage.nodes().search(w.id(), "second", 10)).isEmpty();
        assertThat(storage.nodes().search(w.id(), "notes", 10))
                .extracting(Node::uuid)
                .containsExactly(notes.uuid());
    }

    @Test
    void aWordInMoreThanAThousandBlocksReadsAThousandAndStillListsPagesFirst() {
        Workspace w = workspace("ada");
        WorkspaceContent pages = pages(w.id(), "Common B", "Common A", "Rare");
        List<Node> nodes = new ArrayList<>(pages.nodes());
        Node rare = nodes.get(2);
        for (int i = 0; i < 1500; i++) {
            nodes.add(
                    Node.block(
                            NodeIds.blockUuid(w.id(), "Rare", "b" + i, i),
                            rare,
                            rare.uuid(),
                            i,
                            "<p>a common word, block " + i + "</p>",
                            null));
        }
        storage.nodes().replaceAll(w.id(), new WorkspaceContent(nodes, pages.routes(), List.of()));

        List<Node> first = storage.nodes().search(w.id(), "common", 10);
        assertThat(first).extracting(Node::pageName).startsWith("Common A", "Common B");
        assertThat(first.subList(2, 10))
                .allSatisfy(n -> assertThat(n.html()).contains("common"))
                .isSortedAccordingTo(Comparator.comparingInt(Node::order));
        assertThat(storage.nodes().search(w.id(), "common", 5000))
                .hasSize(2 + 1000)
                .doesNotHaveDuplicates();
        assertThat(storage.nodes().search(w.id(), "block 1499", 10))
                .extracting(Node::order)
                .containsExactly(1499);
    }

    @Test
    void pagesAndSearchOrderPageNamesByCodePoint() {
        Workspace w = workspace("ada");
        // U+1D49C sorts before U+FF5A in UTF-16, after it by code point (and in UTF-8)
        storage.nodes()
                .replaceAll(w.id(), pages(w.id(), "\ud835\udc9c notes", "\uff5a notes", "a notes"));
        assertThat(storage.nodes().search(w.id(), "notes", 10))
                .extracting(Node::pageName)
                .containsExactly("a notes", "\uff5a notes", "\ud835\udc9c notes");
        assertThat(storage.nodes().pages(w.id()))
                .extracting(Node::pageName)
                .containsExactly("a notes", "\uff5a notes", "\ud835\udc9c notes");
    }

    @Test
    void favoritesAreThePagesWithAFavoriteAttribute() {
        Workspace w = workspace("ada");
        storage.nodes()
                .replaceAll(
                        w.id(),
                        pagesWith(
                                w,
                                NodeMetadata.Attributes.FAVORITE,
                                new String[][] {{"Zeta", "0"}, {"Notes", null}, {"Alpha", "1"}}));
        assertThat(storage.nodes().favorites(w.id()))
                .extracting(Node::pageName)
                .containsExactlyInAnyOrder("Zeta", "Alpha");
        assertThat(storage.nodes().favorites(workspace("bob").id())).isEmpty();
    }

    /**
     * Pages of {@code w} named by the first of each pair, with {@code attribute} set to the second
     * where it is not null.
     */
    private static WorkspaceContent pagesWith(Workspace w, String attribute, String[][] pages) {
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        for (String[] p : pages) {
            Map<String, String> attrs = new java.util.HashMap<>();
            attrs.put(NodeMetadata.Attributes.PATH, p[0].toLowerCase().replace(' ', '-'));
            if (p[1] != null) {
                attrs.put(attribute, p[1]);
            }
            Node page =
                    Node.page(
                            NodeIds.pageUuid(w.id(), p[0]),
                            w.id(),
                            p[0],
                            attrs.get(NodeMetadata.Attributes.PATH),
                            p[0],
                            new NodeMetadata(List.of(), Map.of(), Map.of(), attrs));
            nodes.add(page);
            routes.add(new PageRoute(attrs.get(NodeMetadata.Attributes.PATH), page.uuid()));
        }
        return new WorkspaceContent(nodes, routes, List.of());
    }

    @Test
    void journalsAreThePagesWithAJournalDayNewestFirst() {
        Workspace w = workspace("ada");
        WorkspaceContent content =
                pagesWith(
                        w,
                        NodeMetadata.Attributes.JOURNAL_DAY,
                        new String[][] {
                            {"Jan 2nd, 2024", "20240102"},
                            {"Notes", null},
                            {"Mar 1st, 2024", "20240301"}
                        });
        List<Node> nodes = content.nodes();
        List<PageRoute> routes = content.routes();
        storage.nodes().replaceAll(w.id(), content);
        assertThat(storage.nodes().journals(w.id()))
                .extracting(Node::pageName)
                .containsExactly("Mar 1st, 2024", "Jan 2nd, 2024");
        assertThat(storage.nodes().journals(w.id(), 1))
                .extracting(Node::pageName)
                .containsExactly("Mar 1st, 2024");
        assertThat(storage.nodes().journals(w.id(), 5)).hasSize(2);
        assertThat(storage.nodes().journals(w.id(), 0)).isEmpty();
        assertThat(storage.nodes().hasJournals(w.id())).isTrue();
        assertThat(storage.nodes().hasJournals(workspace("bob").id())).isFalse();
        storage.nodes()
                .replaceAll(
                        w.id(),
                        new WorkspaceContent(
                                List.of(nodes.get(1)), List.of(routes.get(1)), List.of()));
        assertThat(storage.nodes().hasJournals(w.id())).isFalse();
    }

    @Test
    void replaceAllReplacesEverythingOfThatWorkspaceOnly() {
        Workspace w = workspace("ada");
        Workspace other = workspace("bob");
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));
        storage.nodes().replaceAll(other.id(), sampleContent(other.id()));

        Node page = page(w.id(), "Gamma", "gamma");
        storage.nodes()
                .replaceAll(
                        w.id(),
                        new WorkspaceContent(
                                List.of(page),
                                List.of(new PageRoute("gamma", page.uuid())),
                                List.of()));

        assertThat(storage.nodes().pages(w.id()))
                .extracting(Node::pageName)
                .containsExactly("Gamma");
        assertThat(storage.nodes().blocksOfPage(w.id(), "Alpha")).isEmpty();
        assertThat(storage.nodes().findByPath(w.id(), "alpha")).isEmpty();
        assertThat(storage.nodes().backlinks(w.id(), NodeIds.pageUuid(w.id(), "Projects/Beta")))
                .isEmpty();
        assertThat(storage.nodes().count(other.id())).isEqualTo(7);
        assertThat(
                        storage.nodes()
                                .backlinks(
                                        other.id(), NodeIds.pageUuid(other.id(), "Projects/Beta")))
                .hasSize(3);
    }

    @Test
    void oneGraphCanLiveInTwoWorkspaces() {
        Workspace a = workspace("ada");
        Workspace b = workspace("bob");
        storage.nodes().replaceAll(a.id(), sampleContent(a.id()));
        storage.nodes().replaceAll(b.id(), sampleContent(b.id()));
        assertThat(storage.nodes().findPage(a.id(), "Alpha").orElseThrow().uuid())
                .isNotEqualTo(storage.nodes().findPage(b.id(), "Alpha").orElseThrow().uuid());
    }

    @Test
    void replacePagesSwapsOnlyThosePages() {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));
        String zeta = NodeIds.pageUuid(w.id(), "zeta");
        Node newZeta = page(w.id(), "zeta", "zeta");
        Node block =
                Node.block(NodeIds.hashUuid("new"), newZeta, newZeta.uuid(), 0, "<p>new</p>", null);
        storage.nodes()
                .replacePages(
                        w.id(),
                        Set.of(zeta),
                        new WorkspaceContent(
                                List.of(newZeta, block),
                                List.of(new PageRoute("zeta", zeta)),
                                List.of()));

        assertThat(storage.nodes().blocksOfPage(w.id(), "zeta"))
                .extracting(Node::html)
                .containsExactly("<p>new</p>");
        assertThat(storage.nodes().blocksOfPage(w.id(), "Alpha")).hasSize(3);
        assertThat(storage.nodes().findByPath(w.id(), "zeta")).isPresent();
        // the references from zeta's old block are gone, the others stay
        assertThat(storage.nodes().backlinks(w.id(), NodeIds.pageUuid(w.id(), "Projects/Beta")))
                .extracting(Node::html)
                .containsExactly("<p>a1</p>", "<p>a2</p>");
        assertThat(storage.nodes().count(w.id())).isEqualTo(7);
        assertThat(storage.nodes().pages(w.id()))
                .extracting(Node::pageName)
                .containsExactly("Alpha", "Projects/Beta", "zeta");

        // a page dropped without a successor leaves the page list
        storage.nodes()
                .replacePages(
                        w.id(),
                        Set.of(zeta),
                        new WorkspaceContent(List.of(), List.of(), List.of()));
        assertThat(storage.nodes().pages(w.id()))
                .extracting(Node::pageName)
                .containsExactly("Alpha", "Projects/Beta");
        assertThat(storage.nodes().findByPath(w.id(), "zeta")).isEmpty();
    }

    @Test
    void aPageStoredAgainKeepsTheBacklinksItStillMakesAndLosesTheOthers() {
        Workspace w = workspace("ada");
        WorkspaceContent sample = sampleContent(w.id());
        storage.nodes().replaceAll(w.id(), sample);
        String zeta = NodeIds.pageUuid(w.id(), "zeta");
        String beta = NodeIds.pageUuid(w.id(), "Projects/Beta");
        String a0 = NodeIds.blockUuid(w.id(), "6453a7a2-1111-2222-3333-444455556666");
        String z0 = NodeIds.blockUuid(w.id(), "zeta", "z0", 0);
        List<Node> zetaNodes =
                sample.nodes().stream().filter(n -> n.pageName().equals("zeta")).toList();
        java.util.function.Consumer<List<Reference>> storeZeta =
                refs ->
                        storage.nodes()
                                .replacePages(
                                        w.id(),
                                        Set.of(zeta),
                                        new WorkspaceContent(
                                                zetaNodes,
                                                List.of(new PageRoute("zeta", zeta)),
                                                refs));
        java.util.function.Function<String, List<String>> backlinks =
                target ->
                        storage.nodes().backlinks(w.id(), target).stream().map(Node::html).toList();

        // the same references again (z0 refers to Beta twice, as a page and as a tag)
        storeZeta.accept(
                sample.references().stream().filter(r -> r.sourceUuid().equals(z0)).toList());
        assertThat(backlinks.apply(beta))
                .containsExactlyInAnyOrder("<p>a1</p>", "<p>a2</p>", "<p>z0</p>");
        assertThat(backlinks.apply(a0)).containsExactly("<p>z0</p>");

        // z0 now refers to a0 alone: Beta loses it
        storeZeta.accept(List.of(new Reference(z0, a0, Reference.Kind.BLOCK)));
        assertThat(backlinks.apply(beta)).containsExactlyInAnyOrder("<p>a1</p>", "<p>a2</p>");
        assertThat(backlinks.apply(a0)).containsExactly("<p>z0</p>");

        // and to Beta alone: a0 loses it, Beta has it once
        storeZeta.accept(List.of(new Reference(z0, beta, Reference.Kind.PAGE)));
        assertThat(backlinks.apply(beta))
                .containsExactlyInAnyOrder("<p>a1</p>", "<p>a2</p>", "<p>z0</p>");
        assertThat(backlinks.apply(a0)).isEmpty();
    }

    @Test
    void invalidContentIsRejectedAndOldContentStays() {
        Workspace w = workspace("ada");
        Workspace other = workspace("bob");
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));

        Node foreign = page(other.id(), "X", "x");
        assertThatThrownBy(
                        () ->
                                storage.nodes()
                                        .replaceAll(
                                                w.id(),
                                                new WorkspaceContent(
                                                        List.of(foreign), List.of(), List.of())))
                .isInstanceOf(ValidationException.class);

        Node p = page(w.id(), "P", "p");
        Node orphan =
                Node.block(NodeIds.hashUuid("o"), p, NodeIds.hashUuid("missing"), 0, "<p/>", null);
        assertThatThrownBy(
                        () ->
                                storage.nodes()
                                        .replaceAll(
                                                w.id(),
                                                new WorkspaceContent(
                                                        List.of(p, orphan), List.of(), List.of())))
                .isInstanceOf(ValidationException.class);

        assertThat(storage.nodes().count(w.id())).isEqualTo(7);
        assertThat(storage.nodes().findByPath(w.id(), "alpha")).isPresent();
    }

    /** Content a store must refuse, and what it throws. */
    private record Rejected(
            String what, List<WorkspaceContent> parts, Class<? extends RuntimeException> type) {
        Rejected(String what, WorkspaceContent content, Class<? extends RuntimeException> type) {
            this(what, List.of(content), type);
        }

        WorkspaceContent whole() {
            return WorkspaceContent.concat(parts.stream());
        }
    }

    private static WorkspaceContent content(
            List<Node> nodes, List<PageRoute> routes, List<Reference> refs) {
        return new WorkspaceContent(nodes, routes, refs);
    }

    @Test
    void badContentIsRejectedWholeAndInPartsWithTheSameExceptionAndOldContentStays() {
        long ws = workspace("ada").id();
        long other = workspace("bob").id();
        storage.nodes().replaceAll(ws, sampleContent(ws));
        List<Object> before = contentOf(ws);
        Node p = page(ws, "P", "p");
        Node q = page(ws, "Q", "q");
        Node c = Node.block(NodeIds.blockUuid(ws, "P", "c", 0), p, p.uuid(), 0, "<p>c</p>", null);
        Node g = Node.block(NodeIds.blockUuid(ws, "P", "g", 1), p, c.uuid(), 1, "<p>g</p>", null);
        String nowhere = NodeIds.hashUuid("nowhere");
        List<PageRoute> none = List.of();
        List<Reference> noRefs = List.of();
        List<Rejected> cases =
                List.of(
                        new Rejected(
                                "a node of another workspace",
                                content(List.of(page(other, "X", "x")), none, noRefs),
                                ValidationException.class),
                        new Rejected(
                                "a block before its parent",
                                content(List.of(p, g, c), none, noRefs),
                                ValidationException.class),
                        new Rejected(
                                "a block whose parent is not in the content",
                                content(List.of(p, g), none, noRefs),
                                ValidationException.class),
                        new Rejected(
                                "a uuid twice",
                                content(List.of(p, c, c), none, noRefs),
                                ConflictException.class),
                        new Rejected(
                                "a path twice, in two cases",
                                content(
                                        List.of(p, q),
                                        List.of(
                                                new PageRoute("p", p.uuid()),
                                                new PageRoute("P", q.uuid())),
                                        noRefs),
                                ConflictException.class),
                        new Rejected(
                                "a route to no node",
                                content(List.of(p), List.of(new PageRoute("x", nowhere)), noRefs),
                                ValidationException.class),
                        new Rejected(
                                "a route to a block",
                                content(
                                        List.of(p, c),
                                        List.of(new PageRoute("c", c.uuid())),
                                        noRefs),
                                ValidationException.class),
                        new Rejected(
                                "a reference from no node",
                                content(
                                        List.of(p),
                                        none,
                                        List.of(
                                                new Reference(
                                                        nowhere, p.uuid(), Reference.Kind.PAGE))),
                                ValidationException.class));
        for (Rejected r : cases) {
            assertThatThrownBy(() -> storage.nodes().replaceAll(ws, r.whole()))
                    .as(r.what())
                    .isInstanceOf(r.type());
            assertThatThrownBy(() -> storage.nodes().replaceAll(ws, r.parts().stream()))
                    .as(r.what() + ", in parts")
                    .isInstanceOf(r.type());
        }
        assertThat(contentOf(ws)).isEqualTo(before);
    }

    @Test
    void partsStandAloneButARouteMayNameAPageOfAnyPart() {
        long ws = workspace("ada").id();
        Node p = page(ws, "P", "p");
        Node q = page(ws, "Q", "q");
        Node c = Node.block(NodeIds.blockUuid(ws, "P", "c", 0), p, p.uuid(), 0, "<p>c</p>", null);
        storage.nodes()
                .replaceAll(
                        ws,
                        List.of(
                                content(
                                        List.of(p, c),
                                        List.of(new PageRoute("q", q.uuid())),
                                        List.of(
                                                new Reference(
                                                        c.uuid(), q.uuid(), Reference.Kind.PAGE))),
                                content(
                                        List.of(q),
                                        List.of(new PageRoute("p", p.uuid())),
                                        List.of()))
                                .stream());
        assertThat(storage.nodes().findByPath(ws, "q")).map(Node::uuid).contains(q.uuid());
        assertThat(storage.nodes().backlinks(ws, q.uuid()))
                .extracting(Node::uuid)
                .containsExactly(c.uuid());
        List<Object> before = contentOf(ws);

        Node cUnderQ = Node.block(c.uuid(), q, q.uuid(), 0, "<p>c</p>", null);
        List<PageRoute> none = List.of();
        List<Reference> noRefs = List.of();
        List<Rejected> cases =
                List.of(
                        new Rejected(
                                "a block whose parent is in another part",
                                List.of(
                                        content(List.of(p), none, noRefs),
                                        content(List.of(c), none, noRefs)),
                                ValidationException.class),
                        new Rejected(
                                "a reference from a node of another part",
                                List.of(
                                        content(List.of(p, c), none, noRefs),
                                        content(
                                                List.of(q),
                                                none,
                                                List.of(
                                                        new Reference(
                                                                c.uuid(),
                                                                q.uuid(),
                                                                Reference.Kind.PAGE)))),
                                ValidationException.class),
                        new Rejected(
                                "a path in two parts",
                                List.of(
                                        content(
                                                List.of(p),
                                                List.of(new PageRoute("p", p.uuid())),
                                                noRefs),
                                        content(
                                                List.of(q),
                                                List.of(new PageRoute("P", q.uuid())),
                                                noRefs)),
                                ConflictException.class),
                        new Rejected(
                                "a uuid in two parts",
                                List.of(
                                        content(List.of(p, c), none, noRefs),
                                        content(List.of(q, cUnderQ), none, noRefs)),
                                ConflictException.class),
                        new Rejected(
                                "a route to no page of any part",
                                List.of(
                                        content(List.of(p), none, noRefs),
                                        content(
                                                List.of(q),
                                                List.of(new PageRoute("c", c.uuid())),
                                                noRefs)),
                                ValidationException.class));
        for (Rejected r : cases) {
            assertThatThrownBy(() -> storage.nodes().replaceAll(ws, r.parts().stream()))
                    .as(r.what())
                    .isInstanceOf(r.type());
        }
        assertThat(contentOf(ws)).isEqualTo(before);
    }

    @Test
    void replacePagesMayNameWhatStaysButNotWhatGoes() {
        long ws = workspace("ada").id();
        storage.nodes().replaceAll(ws, sampleContent(ws));
        Node alpha = storage.nodes().findPage(ws, "Alpha").orElseThrow();
        Node beta = storage.nodes().findPage(ws, "Projects/Beta").orElseThrow();
        Node zeta = storage.nodes().findPage(ws, "zeta").orElseThrow();
        String a0 = storage.nodes().blocksOfPage(ws, "Alpha").get(0).uuid();

        // a block under a kept page, a route to a kept page, a reference from a kept block
        Node p = page(ws, "P", "p");
        Node underAlpha =
                Node.block(
                        NodeIds.blockUuid(ws, "Alpha", "new", 9),
                        alpha,
                        alpha.uuid(),
                        9,
                        "<p>new</p>",
                        null);
        storage.nodes()
                .replacePages(
                        ws,
                        Set.of(zeta.uuid()),
                        content(
                                List.of(p, underAlpha),
                                List.of(
                                        new PageRoute("p", p.uuid()),
                                        new PageRoute("alpha-too", alpha.uuid())),
                                List.of(new Reference(a0, p.uuid(), Reference.Kind.PAGE))));
        assertThat(storage.nodes().findPage(ws, "zeta")).isEmpty();
        assertThat(storage.nodes().blocksOfPage(ws, "Alpha"))
                .extracting(Node::uuid)
                .contains(underAlpha.uuid());
        assertThat(storage.nodes().findByPath(ws, "alpha-too"))
                .map(Node::uuid)
                .contains(alpha.uuid());
        assertThat(storage.nodes().backlinks(ws, p.uuid()))
                .extracting(Node::uuid)
                .containsExactly(a0);
        List<Object> before = contentOf(ws);

        Node orphan = Node.block(NodeIds.hashUuid("o"), alpha, alpha.uuid(), 7, "<p>o</p>", null);
        Node lost =
                Node.block(
                        NodeIds.hashUuid("l"), alpha, NodeIds.hashUuid("missing"), 7, "<p/>", null);
        Node alphaAgain =
                Node.page(alpha.uuid(), ws, "Other", "other", "Other", NodeMetadata.EMPTY);
        Node betaAgain = page(ws, "Projects/Beta", "projects/beta");
        record Case(String what, Set<String> pages, WorkspaceContent content, Class<?> type) {}
        List<Case> cases =
                List.of(
                        new Case(
                                "a block under a page that goes",
                                Set.of(alpha.uuid()),
                                content(List.of(orphan), List.of(), List.of()),
                                ValidationException.class),
                        new Case(
                                "a block under a node that never was",
                                Set.of(),
                                content(List.of(lost), List.of(), List.of()),
                                ValidationException.class),
                        new Case(
                                "a route to a page that goes",
                                Set.of(beta.uuid()),
                                content(
                                        List.of(),
                                        List.of(new PageRoute("b", beta.uuid())),
                                        List.of()),
                                ValidationException.class),
                        new Case(
                                "a route to a kept block",
                                Set.of(),
                                content(List.of(), List.of(new PageRoute("b", a0)), List.of()),
                                ValidationException.class),
                        new Case(
                                "a reference from a node that goes",
                                Set.of(alpha.uuid()),
                                content(
                                        List.of(),
                                        List.of(),
                                        List.of(
                                                new Reference(
                                                        a0, beta.uuid(), Reference.Kind.PAGE))),
                                ValidationException.class),
                        new Case(
                                "a new node with the uuid of a kept one",
                                Set.of(beta.uuid()),
                                content(List.of(alphaAgain), List.of(), List.of()),
                                ConflictException.class),
                        new Case(
                                "a path that a kept page has",
                                Set.of(beta.uuid()),
                                content(
                                        List.of(betaAgain),
                                        List.of(new PageRoute("ALPHA", betaAgain.uuid())),
                                        List.of()),
                                ConflictException.class));
        for (Case c : cases) {
            assertThatThrownBy(() -> storage.nodes().replacePages(ws, c.pages(), c.content()))
                    .as(c.what())
                    .isInstanceOf(c.type());
        }
        assertThat(contentOf(ws)).isEqualTo(before);
    }

    @Test
    void replacingContentOfUnknownWorkspaceIsNotFound() {
        assertThatThrownBy(() -> storage.nodes().replaceAll(999, WorkspaceContent.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void largeContentIsStoredWhole() {
        Workspace w = workspace("ada");
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        List<Reference> refs = new ArrayList<>();
        int pages = 200;
        int blocksPerPage = 100;
        for (int p = 0; p < pages; p++) {
            Node page = page(w.id(), "Page " + p, "page-" + p);
            nodes.add(page);
            routes.add(new PageRoute("page-" + p, page.uuid()));
            String parent = page.uuid();
            for (int b = 0; b < blocksPerPage; b++) {
                String uuid = NodeIds.blockUuid(w.id(), page.pageName(), "b", b);
                nodes.add(
                        Node.block(
                                uuid,
                                page,
                                b % 5 == 0 ? page.uuid() : parent,
                                b,
                                "<p>" + b + "</p>",
                                null));
                parent = b % 5 == 0 ? uuid : parent;
                if (p > 0 && b == 0) {
                    refs.add(
                            new Reference(
                                    uuid, NodeIds.pageUuid(w.id(), "Page 0"), Reference.Kind.PAGE));
                }
            }
        }
        storage.nodes().replaceAll(w.id(), new WorkspaceContent(nodes, routes, refs));
        assertThat(storage.nodes().count(w.id())).isEqualTo(pages * (blocksPerPage + 1L));
        assertThat(storage.nodes().blocksOfPage(w.id(), "Page 7"))
                .hasSize(blocksPerPage)
                .extracting(Node::order)
                .isSorted();
        assertThat(storage.nodes().backlinks(w.id(), NodeIds.pageUuid(w.id(), "Page 0")))
                .hasSize(pages - 1);
    }

    // ---- assets

    static dev.draehi.model.AssetFile asset(String path, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            String sha =
                    java.util.HexFormat.of()
                            .formatHex(
                                    java.security.MessageDigest.getInstance("SHA-256")
                                            .digest(bytes));
            return new dev.draehi.model.AssetFile(path, sha, "image/png", bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void assetsAreReplacedWholeAndReadBackWithTheirBytes() {
        Workspace w = workspace("ada");
        Workspace other = workspace("bob");
        storage.assets()
                .replaceAll(
                        w.id(), List.of(asset("assets/a.png", "A"), asset("assets/b b.png", "B")));
        storage.assets().replaceAll(other.id(), List.of(asset("assets/a.png", "A")));

        assertThat(storage.assets().paths(w.id()))
                .containsExactly("assets/a.png", "assets/b b.png");
        dev.draehi.model.AssetFile a = storage.assets().find(w.id(), "assets/a.png").orElseThrow();
        assertThat(a.content()).isEqualTo("A".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(a.contentType()).isEqualTo("image/png");
        assertThat(a.sha256()).isEqualTo(asset("x", "A").sha256());

        storage.assets()
                .replaceAll(
                        w.id(), List.of(asset("assets/a.png", "A2"), asset("assets/c.png", "C")));
        assertThat(storage.assets().paths(w.id())).containsExactly("assets/a.png", "assets/c.png");
        assertThat(storage.assets().find(w.id(), "assets/a.png").orElseThrow().content())
                .isEqualTo("A2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(storage.assets().find(w.id(), "assets/b b.png")).isEmpty();
        assertThat(storage.assets().find(other.id(), "assets/a.png").orElseThrow().content())
                .isEqualTo("A".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        storage.assets().replaceAll(w.id(), List.of());
        assertThat(storage.assets().paths(w.id())).isEmpty();
        assertThat(storage.assets().paths(other.id())).containsExactly("assets/a.png");
    }

    @Test
    void assetsOfUnknownWorkspaceAreNotFoundAndGoWithTheirUser() {
        assertThatThrownBy(() -> storage.assets().replaceAll(999, List.of()))
                .isInstanceOf(NotFoundException.class);
        Workspace w = workspace("ada");
        storage.assets().replaceAll(w.id(), List.of(asset("assets/a.png", "A")));
        storage.users().delete(w.userId());
        assertThat(storage.assets().paths(w.id())).isEmpty();
        assertThat(storage.assets().find(w.id(), "assets/a.png")).isEmpty();
    }

    @Test
    void assetsCommitWithTheirTransaction() {
        Workspace w = workspace("ada");
        storage.assets().replaceAll(w.id(), List.of(asset("assets/a.png", "A")));
        assertThatThrownBy(
                        () ->
                                storage.inTransaction(
                                        s -> {
                                            s.assets().replaceAll(w.id(), List.of());
                                            throw new IllegalStateException("crash");
                                        }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage.assets().paths(w.id())).containsExactly("assets/a.png");
    }

    // ---- cascades

    @Test
    void passwordsAreReplacedAndSlugHoldsKeptPastTheirUser() {
        User u = storage.users().create("ada", "$2a$10$hash");
        assertThat(storage.users().updatePassword(u.id(), "$2a$10$other")).isTrue();
        assertThat(storage.users().findById(u.id()).orElseThrow().passwordHash())
                .isEqualTo("$2a$10$other");
        assertThat(storage.users().updatePassword(u.id() + 1000, "$2a$10$x")).isFalse();

        assertThat(storage.slugHolds().find("ada")).isEmpty();
        var held = storage.slugHolds().hold("ada", u.id());
        assertThat(held.slug()).isEqualTo("ada");
        storage.users().delete(u.id());
        var found = storage.slugHolds().find("ada").orElseThrow();
        assertThat(found.userId()).isEqualTo(u.id());
        assertThat(found.freedAt()).isEqualTo(held.freedAt());
        // a second hold of the slug replaces the first
        assertThat(storage.slugHolds().hold("ada", 42).userId()).isEqualTo(42);
        assertThat(storage.slugHolds().find("ada").orElseThrow().userId()).isEqualTo(42);
        assertThat(storage.slugHolds().release("ada")).isTrue();
        assertThat(storage.slugHolds().release("ada")).isFalse();
        assertThat(storage.slugHolds().find("ada")).isEmpty();
    }

    @Test
    void deletingUserCascadesToEverything() {
        Workspace w = workspace("ada");
        Workspace keep = workspace("bob");
        storage.repositories().create(w.id(), "file:///a", "main", null);
        storage.repositories().create(keep.id(), "file:///b", "main", null);
        Deployment d = storage.deployments().create(w.id(), "x", DeploymentStatus.SUCCESS);
        storage.deployments().create(keep.id(), "y", DeploymentStatus.SUCCESS);
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));
        storage.nodes().replaceAll(keep.id(), sampleContent(keep.id()));
        String alpha = NodeIds.pageUuid(w.id(), "Alpha");

        assertThat(storage.users().delete(w.userId())).isTrue();

        assertThat(storage.users().findById(w.userId())).isEmpty();
        assertThat(storage.workspaces().findById(w.id())).isEmpty();
        assertThat(storage.repositories().findByWorkspace(w.id())).isEmpty();
        assertThat(storage.deployments().findById(d.id())).isEmpty();
        assertThat(storage.deployments().list(w.id())).isEmpty();
        assertThat(storage.nodes().count(w.id())).isZero();
        assertThat(storage.nodes().findByUuid(alpha)).isEmpty();
        assertThat(storage.nodes().routes(w.id())).isEmpty();
        assertThat(storage.nodes().routeCount(w.id(), 100)).isZero();

        assertThat(storage.nodes().count(keep.id())).isEqualTo(7);
        assertThat(storage.repositories().findByWorkspace(keep.id())).isPresent();
        assertThat(storage.deployments().list(keep.id())).hasSize(1);
    }

    // ---- transactions

    @Test
    void transactionCommitsTogether() {
        Workspace w = workspace("ada");
        storage.repositories().create(w.id(), "file:///a", "main", null);
        Deployment d = storage.deployments().create(w.id(), "", DeploymentStatus.BUILDING);
        storage.inTransaction(
                s -> {
                    s.nodes().replaceAll(w.id(), sampleContent(w.id()));
                    s.deployments()
                            .update(d.id(), "abc", DeploymentStatus.SUCCESS, null, List.of("ok"));
                    s.repositories().updateStatus(w.id(), SyncStatus.SUCCESS, Instant.now(), null);
                    return null;
                });
        assertThat(storage.nodes().count(w.id())).isEqualTo(7);
        assertThat(storage.deployments().latestSuccessful(w.id()).orElseThrow().commitSha())
                .isEqualTo("abc");
    }

    @Test
    void failedTransactionLeavesOldContentAndStatus() {
        Workspace w = workspace("ada");
        storage.repositories().create(w.id(), "file:///a", "main", null);
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));
        Deployment d = storage.deployments().create(w.id(), "", DeploymentStatus.BUILDING);

        assertThatThrownBy(
                        () ->
                                storage.inTransaction(
                                        s -> {
                                            s.nodes().replaceAll(w.id(), WorkspaceContent.empty());
                                            s.deployments()
                                                    .update(
                                                            d.id(),
                                                            "abc",
                                                            DeploymentStatus.SUCCESS,
                                                            null,
                                                            List.of());
                                            s.repositories()
                                                    .updateStatus(
                                                            w.id(),
                                                            SyncStatus.SUCCESS,
                                                            Instant.now(),
                                                            null);
                                            throw new IllegalStateException("crash before commit");
                                        }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(storage.nodes().count(w.id())).isEqualTo(7);
        assertThat(storage.deployments().findById(d.id()).orElseThrow().status())
                .isEqualTo(DeploymentStatus.BUILDING);
        assertThat(storage.repositories().findByWorkspace(w.id()).orElseThrow().syncStatus())
                .isEqualTo(SyncStatus.IDLE);
    }

    @Test
    @Timeout(60)
    void readersSeeOldOrNewContentNeverAMix() throws Exception {
        Workspace w = workspace("ada");
        WorkspaceContent small = sampleContent(w.id());
        WorkspaceContent big = bigContent(w.id());
        storage.nodes().replaceAll(w.id(), small);
        Set<Long> allowed = Set.of(7L, (long) big.nodes().size());

        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader =
                new Thread(
                        () -> {
                            started.countDown();
                            while (!stop.get()) {
                                long n = storage.nodes().count(w.id());
                                if (!allowed.contains(n)) {
                                    seen.add("count " + n);
                                }
                                if (storage.nodes().pages(w.id()).isEmpty()) {
                                    seen.add("empty site");
                                }
                            }
                        });
        reader.start();
        started.await();
        for (int i = 0; i < 6; i++) {
            storage.nodes().replaceAll(w.id(), i % 2 == 0 ? big : small);
        }
        stop.set(true);
        reader.join();
        assertThat(seen).isEmpty();
    }

    @Test
    @Timeout(60)
    void aSnapshotReadsOneVersionWhileAReplaceCommits() throws Exception {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));
        long[] counts =
                storage.inSnapshot(
                        s -> {
                            long before = s.nodes().count(w.id());
                            Thread writer =
                                    new Thread(
                                            () ->
                                                    storage.nodes()
                                                            .replaceAll(
                                                                    w.id(), bigContent(w.id())));
                            writer.start();
                            try {
                                writer.join();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return new long[] {
                                before,
                                s.nodes().count(w.id()),
                                storage.nodes().blocksOfPage(w.id(), "Alpha").size()
                            };
                        });
        assertThat(counts).containsExactly(7, 7, 3);
        assertThat(storage.nodes().count(w.id())).isEqualTo(bigContent(w.id()).nodes().size());
    }

    @Test
    @Timeout(60)
    void workspaceLockSerializesHolders() throws Exception {
        Workspace w = workspace("ada");
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstHolds = new CountDownLatch(1);
        Thread second;
        try (Storage.WorkspaceLock lock = storage.lockWorkspace(w.id())) {
            second =
                    new Thread(
                            () -> {
                                firstHolds.countDown();
                                try (Storage.WorkspaceLock l2 = storage.lockWorkspace(w.id())) {
                                    events.add("second");
                                }
                            });
            second.start();
            firstHolds.await();
            Thread.sleep(200);
            events.add("first");
        }
        second.join();
        assertThat(events).containsExactly("first", "second");
    }

    // ---- helpers

    /** A user named {@code name} with a workspace of the same name. */
    /**
     * Ada's workspace with the sample content, beside Bob's with the same content, so that a read
     * that leaks across workspaces shows.
     */
    protected Workspace sampleBesideAnother() {
        Workspace w = workspace("ada");
        Workspace other = workspace("bob");
        storage.nodes().replaceAll(w.id(), sampleContent(w.id()));
        storage.nodes().replaceAll(other.id(), sampleContent(other.id()));
        return w;
    }

    /** What readers see of a workspace: its routes, pages, their blocks and backlinks. */
    private List<Object> contentOf(long ws) {
        List<Object> out = new ArrayList<>();
        out.add(storage.nodes().count(ws));
        out.add(storage.nodes().routes(ws));
        for (Node p : storage.nodes().pages(ws)) {
            out.add(p);
            out.add(storage.nodes().blocksOfPage(ws, p.pageName()));
            for (Node n : storage.nodes().blocksOfPage(ws, p.pageName())) {
                out.add(storage.nodes().backlinks(ws, n.uuid()));
            }
            out.add(storage.nodes().backlinks(ws, p.uuid()));
        }
        return out;
    }

    protected Workspace workspace(String name) {
        User u = storage.users().create(name, "$2a$10$hash");
        return storage.workspaces().create(u.id(), name);
    }

    /** Pages of these names, each with a route {@code p0}, {@code p1}, … */
    protected static WorkspaceContent pages(long workspaceId, String... names) {
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        for (String name : names) {
            Node p = page(workspaceId, name, "p" + nodes.size());
            nodes.add(p);
            routes.add(new PageRoute(p.slug(), p.uuid()));
        }
        return new WorkspaceContent(nodes, routes, List.of());
    }

    protected static Node page(long workspaceId, String name, String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return Node.page(
                NodeIds.pageUuid(workspaceId, name),
                workspaceId,
                name,
                last,
                name,
                new NodeMetadata(
                        List.of(), Map.of(), Map.of(), Map.of(NodeMetadata.Attributes.PATH, path)));
    }

    /**
     * Three pages, seven nodes: Alpha (a0 with child a1, a2), Projects/Beta (no blocks), zeta (z0).
     * a1, a2 and z0 refer to Projects/Beta; z0 refers to block a0.
     */
    protected static WorkspaceContent sampleContent(long ws) {
        Node alpha =
                Node.page(
                        NodeIds.pageUuid(ws, "Alpha"),
                        ws,
                        "Alpha",
                        "alpha",
                        "Alpha",
                        new NodeMetadata(
                                List.of("t1"),
                                Map.of("type", "note"),
                                Map.of(),
                                Map.of(NodeMetadata.Attributes.PATH, "alpha")));
        Node beta = page(ws, "Projects/Beta", "projects/beta");
        Node zeta = page(ws, "zeta", "zeta");
        String a0 = NodeIds.blockUuid(ws, "6453a7a2-1111-2222-3333-444455556666");
        String a1 = NodeIds.blockUuid(ws, "Alpha", "a1", 1);
        String a2 = NodeIds.blockUuid(ws, "Alpha", "a2", 2);
        String z0 = NodeIds.blockUuid(ws, "zeta", "z0", 0);
        NodeMetadata a0meta =
                new NodeMetadata(
                        List.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(
                                NodeMetadata.Attributes.BLOCK_ID,
                                "6453a7a2-1111-2222-3333-444455556666"));
        List<Node> nodes =
                List.of(
                        alpha,
                        beta,
                        zeta,
                        Node.block(a0, alpha, alpha.uuid(), 0, "<p>a0</p>", a0meta),
                        Node.block(a1, alpha, a0, 1, "<p>a1</p>", null),
                        Node.block(a2, alpha, alpha.uuid(), 2, "<p>a2</p>", null),
                        Node.block(z0, zeta, zeta.uuid(), 0, "<p>z0</p>", null));
        List<PageRoute> routes =
                List.of(
                        new PageRoute("alpha", alpha.uuid()),
                        new PageRoute("projects/beta", beta.uuid()),
                        new PageRoute("zeta", zeta.uuid()));
        List<Reference> refs =
                List.of(
                        new Reference(a1, beta.uuid(), Reference.Kind.PAGE),
                        new Reference(a2, beta.uuid(), Reference.Kind.TAG),
                        new Reference(z0, beta.uuid(), Reference.Kind.PAGE),
                        new Reference(z0, beta.uuid(), Reference.Kind.TAG),
                        new Reference(z0, a0, Reference.Kind.BLOCK));
        return new WorkspaceContent(nodes, routes, refs);
    }

    // ---- sync queue

    private long queueWorkspace(String name) {
        return storage.workspaces().create(storage.users().create(name, "h").id(), name).id();
    }

    @Test
    void pushesToAWorkspaceCoalesceIntoOneQueuedJob() {
        long ws = queueWorkspace("ada");
        long other = queueWorkspace("bob");
        SyncJob first = storage.syncJobs().enqueue(ws);
        assertThat(first.status()).isEqualTo(SyncJobStatus.QUEUED);
        assertThat(first.attempts()).isZero();
        assertThat(storage.syncJobs().enqueue(ws).id()).isEqualTo(first.id());
        assertThat(storage.syncJobs().enqueue(other).id()).isNotEqualTo(first.id());
        assertThat(storage.syncJobs().list(ws)).extracting(SyncJob::id).containsExactly(first.id());
        assertThatThrownBy(() -> storage.syncJobs().enqueue(ws + other + 100))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPushDuringASyncQueuesOneMoreThatWaitsForIt() {
        long ws = queueWorkspace("ada");
        SyncJob first = storage.syncJobs().enqueue(ws);
        SyncJob running = storage.syncJobs().claim("w1", Duration.ofMinutes(5)).orElseThrow();
        assertThat(running.id()).isEqualTo(first.id());
        assertThat(running.status()).isEqualTo(SyncJobStatus.RUNNING);
        assertThat(running.worker()).isEqualTo("w1");
        assertThat(running.attempts()).isEqualTo(1);

        SyncJob second = storage.syncJobs().enqueue(ws);
        assertThat(storage.syncJobs().enqueue(ws).id()).isEqualTo(second.id());
        assertThat(second.id()).isNotEqualTo(first.id());
        // one running job per workspace: the second waits for the first
        assertThat(storage.syncJobs().claim("w2", Duration.ofMinutes(5))).isEmpty();
        assertThat(storage.syncJobs().complete(first.id(), "w2")).isFalse();
        assertThat(storage.syncJobs().complete(first.id(), "w1")).isTrue();
        assertThat(storage.syncJobs().complete(first.id(), "w1")).isFalse();
        assertThat(storage.syncJobs().findById(first.id()).orElseThrow().status())
                .isEqualTo(SyncJobStatus.DONE);
        assertThat(storage.syncJobs().claim("w2", Duration.ofMinutes(5)).orElseThrow().id())
                .isEqualTo(second.id());
        assertThat(storage.syncJobs().list(ws))
                .extracting(SyncJob::id)
                .containsExactly(second.id(), first.id());
    }

    @Test
    void aClaimWhoseLeaseEndedIsTakenOverAndTheDeadWorkerCanNoLongerEndIt() throws Exception {
        long ws = queueWorkspace("ada");
        SyncJob job = storage.syncJobs().enqueue(ws);
        assertThat(storage.syncJobs().claim("dead", Duration.ofMillis(1))).isPresent();
        Thread.sleep(20);
        SyncJob taken = storage.syncJobs().claim("alive", Duration.ofMinutes(5)).orElseThrow();
        assertThat(taken.id()).isEqualTo(job.id());
        assertThat(taken.worker()).isEqualTo("alive");
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(storage.syncJobs().renew(job.id(), "dead", Duration.ofMinutes(5))).isFalse();
        assertThat(storage.syncJobs().complete(job.id(), "dead")).isFalse();
        assertThat(storage.syncJobs().fail(job.id(), "dead", "x", 5, Duration.ZERO)).isEmpty();
        assertThat(storage.syncJobs().renew(job.id(), "alive", Duration.ofMinutes(5))).isTrue();
        // a renewed lease is not taken over
        assertThat(storage.syncJobs().claim("third", Duration.ofMinutes(5))).isEmpty();
        assertThat(storage.syncJobs().complete(job.id(), "alive")).isTrue();
    }

    @Test
    void aFailedJobIsRetriedWithBackoffThenStaysFailedWithItsReason() throws Exception {
        long ws = queueWorkspace("ada");
        SyncJob job = storage.syncJobs().enqueue(ws);
        storage.syncJobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
        SyncJob retry =
                storage.syncJobs()
                        .fail(job.id(), "w", "remote down", 2, Duration.ofHours(1))
                        .orElseThrow();
        assertThat(retry.status()).isEqualTo(SyncJobStatus.QUEUED);
        assertThat(retry.lastError()).isEqualTo("remote down");
        assertThat(retry.runAfter()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        // not due during its backoff
        assertThat(storage.syncJobs().claim("w", Duration.ofMinutes(5))).isEmpty();
        // a push makes it due now, the same job
        assertThat(storage.syncJobs().enqueue(ws).id()).isEqualTo(job.id());
        SyncJob again = storage.syncJobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        SyncJob failed =
                storage.syncJobs()
                        .fail(job.id(), "w", "remote still down", 2, Duration.ofMillis(1))
                        .orElseThrow();
        assertThat(failed.status()).isEqualTo(SyncJobStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("remote still down");
        Thread.sleep(5);
        assertThat(storage.syncJobs().claim("w", Duration.ofMinutes(5))).isEmpty();
        assertThat(storage.syncJobs().findById(job.id())).contains(failed);
    }

    @Test
    void aFailureWithANewerJobQueuedIsNotRetried() {
        long ws = queueWorkspace("ada");
        SyncJob job = storage.syncJobs().enqueue(ws);
        storage.syncJobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
        SyncJob newer = storage.syncJobs().enqueue(ws);
        SyncJob failed =
                storage.syncJobs().fail(job.id(), "w", "boom", 5, Duration.ZERO).orElseThrow();
        assertThat(failed.status()).isEqualTo(SyncJobStatus.FAILED);
        assertThat(failed.lastError()).startsWith("boom");
        assertThat(storage.syncJobs().claim("w", Duration.ofMinutes(5)).orElseThrow().id())
                .isEqualTo(newer.id());
    }

    @Test
    void aDeliveryIdIsRecordedOnce() {
        assertThat(storage.syncJobs().recordDelivery("d-1")).isTrue();
        assertThat(storage.syncJobs().recordDelivery("d-1")).isFalse();
        assertThat(storage.syncJobs().recordDelivery("d-2")).isTrue();
        // a delivery recorded in a transaction that rolls back was not recorded
        assertThatThrownBy(
                        () ->
                                storage.inTransaction(
                                        s -> {
                                            s.syncJobs().recordDelivery("d-3");
                                            throw new IllegalStateException("rolled back");
                                        }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage.syncJobs().recordDelivery("d-3")).isTrue();
    }

    @Test
    void pruneForgetsOldDeliveriesAndEndedJobsOnly() {
        long done = queueWorkspace("pd");
        long failed = queueWorkspace("pf");
        long queued = queueWorkspace("pq");
        long running = queueWorkspace("pr");
        storage.syncJobs().enqueue(done);
        SyncJob doneJob = storage.syncJobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
        storage.syncJobs().complete(doneJob.id(), "w");
        storage.syncJobs().enqueue(failed);
        SyncJob failedJob = storage.syncJobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
        storage.syncJobs().fail(failedJob.id(), "w", "boom", 1, Duration.ZERO);
        storage.syncJobs().enqueue(running);
        SyncJob runningJob = storage.syncJobs().claim("w", Duration.ofMinutes(5)).orElseThrow();
        SyncJob queuedJob = storage.syncJobs().enqueue(queued);
        storage.syncJobs().recordDelivery("old-delivery");

        // nothing is a day old yet
        assertThat(storage.syncJobs().prune(Duration.ofDays(1))).isZero();
        assertThat(storage.syncJobs().recordDelivery("old-delivery")).isFalse();

        assertThat(storage.syncJobs().prune(Duration.ZERO)).isEqualTo(3);
        assertThat(storage.syncJobs().findById(doneJob.id())).isEmpty();
        assertThat(storage.syncJobs().findById(failedJob.id())).isEmpty();
        assertThat(storage.syncJobs().findById(runningJob.id())).isPresent();
        assertThat(storage.syncJobs().findById(queuedJob.id())).isPresent();
        // a delivery forgotten is accepted again
        assertThat(storage.syncJobs().recordDelivery("old-delivery")).isTrue();
    }

    @Test
    @Timeout(60)
    void concurrentWorkersNeverClaimOneJobTwice() throws Exception {
        int workspaces = 12;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < workspaces; i++) {
            ids.add(queueWorkspace("u" + i));
        }
        for (long ws : ids) {
            storage.syncJobs().enqueue(ws);
        }
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            String worker = "w" + t;
            Thread th =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                } catch (InterruptedException e) {
                                    return;
                                }
                                while (true) {
                                    var job =
                                            storage.syncJobs().claim(worker, Duration.ofMinutes(5));
                                    if (job.isEmpty()) {
                                        return;
                                    }
                                    claimed.add(job.get().id());
                                }
                            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(claimed).hasSize(workspaces).doesNotHaveDuplicates();
    }

    private static WorkspaceContent bigContent(long ws) {
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            Node page = page(ws, "Big " + p, "big-" + p);
            nodes.add(page);
            routes.add(new PageRoute("big-" + p, page.uuid()));
            for (int b = 0; b < 40; b++) {
                nodes.add(
                        Node.block(
                                NodeIds.blockUuid(ws, page.pageName(), "x", b),
                                page,
                                page.uuid(),
                                b,
                                "<p>x</p>",
                                null));
            }
        }
        return new WorkspaceContent(nodes, routes, List.of());
    }
}
