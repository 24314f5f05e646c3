package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Deployment;
import dev.draehi.model.Graph;
import dev.draehi.model.Workspace;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.Revision;
import dev.draehi.spi.SourceRequest;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The state a publisher keeps between syncs is bounded: the workspace synced least recently gives
 * its state up first, the source's part with it, and its next sync is a full one that publishes
 * what any full sync would.
 */
class BoundedStateTest {
    /** A source that reports a size for what it keeps, and which workspaces it was told to drop. */
    static final class SizedSource implements GraphSource {
        final FakeGraphSource graphs;
        final List<Long> forgotten = new CopyOnWriteArrayList<>();

        SizedSource(Graph graph) {
            this.graphs = new FakeGraphSource(graph);
        }

        @Override
        public Revision fetch(SourceRequest request) {
            return graphs.fetch(request);
        }

        @Override
        public Graph load(SourceRequest request, Revision revision) {
            return graphs.load(request, revision);
        }

        @Override
        public long retainedBytes(long workspaceId) {
            return forgotten.contains(workspaceId) ? 0 : 1000;
        }

        @Override
        public void forget(long workspaceId) {
            forgotten.add(workspaceId);
        }
    }

    /** A workspace of its own user; the n-th of a storage is named alike in every storage. */
    private static Workspace workspace(InMemoryStorage s) {
        int n = s.workspaces().list().size();
        Workspace w =
                s.workspaces().create(s.users().create("user" + n, "h").id(), "Workspace " + n);
        s.repositories().create(w.id(), "file:///graph", "main", null);
        return w;
    }

    private static Publisher publisher(InMemoryStorage storage, SizedSource source, long bound) {
        return Publisher.builder()
                .storage(storage)
                .source(source)
                .renderer(IncrementalSyncTest.DEPENDENT_RENDERER)
                .stateBytes(bound)
                .build();
    }

    @Test
    void theWorkspaceSyncedLeastRecentlyLosesItsStateFirstAndIsThenSyncedInFull() {
        IncrementalSyncTest.World world = new IncrementalSyncTest.World(new Random(7));
        Graph g0 = world.graph(0);
        // how much one workspace keeps
        InMemoryStorage probeStorage = new InMemoryStorage();
        Publisher probe =
                Publisher.builder()
                        .storage(probeStorage)
                        .source(new SizedSource(g0))
                        .renderer(IncrementalSyncTest.DEPENDENT_RENDERER)
                        .build();
        probe.sync(workspace(probeStorage).id());
        long one = probe.stateBytes();
        assertThat(one).isGreaterThan(1000);

        InMemoryStorage storage = new InMemoryStorage();
        SizedSource source = new SizedSource(g0);
        long bound = one * 5 / 2;
        Publisher publisher = publisher(storage, source, bound);
        Workspace a = workspace(storage);
        Workspace b = workspace(storage);
        Workspace c = workspace(storage);
        for (Workspace ws : List.of(a, b, c)) {
            assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
            assertThat(publisher.stateBytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(source.forgotten).containsExactly(a.id());

        world.edit();
        Graph g1 = world.graph(1);
        source.graphs.set(g1);
        Deployment toC = publisher.sync(c.id());
        Deployment toA = publisher.sync(a.id());

        assertThat(toC.buildLog()).anyMatch(l -> l.contains("(incremental:"));
        assertThat(toA.succeeded()).isTrue();
        assertThat(toA.buildLog()).noneMatch(l -> l.contains("(incremental:"));
        // b was the least recent when a came back
        assertThat(source.forgotten).containsExactly(a.id(), b.id());
        // a full sync stores what a fresh publisher's does (the same workspace id: the same uuids)
        InMemoryStorage fullStorage = new InMemoryStorage();
        Workspace f = workspace(fullStorage);
        assertThat(f.id()).isEqualTo(a.id());
        Publisher.builder()
                .storage(fullStorage)
                .source(new FakeGraphSource(g1))
                .renderer(IncrementalSyncTest.DEPENDENT_RENDERER)
                .build()
                .sync(f.id());
        assertThat(IncrementalSyncTest.dump(storage, a))
                .isEqualTo(IncrementalSyncTest.dump(fullStorage, f));
    }

    @Test
    void theWorkspaceSyncedLastKeepsItsStateWhenItAloneIsOverTheBound() {
        IncrementalSyncTest.World world = new IncrementalSyncTest.World(new Random(5));
        InMemoryStorage storage = new InMemoryStorage();
        SizedSource source = new SizedSource(world.graph(0));
        Publisher publisher = publisher(storage, source, 1000);
        Workspace a = workspace(storage);
        Workspace b = workspace(storage);
        publisher.sync(a.id());
        assertThat(publisher.stateBytes()).isGreaterThan(1000);
        world.edit();
        source.graphs.set(world.graph(1));
        assertThat(publisher.sync(a.id()).buildLog()).anyMatch(l -> l.contains("(incremental:"));
        assertThat(source.forgotten).isEmpty();

        // another workspace synced: the first gives its state up, the bound is kept by the last
        publisher.sync(b.id());
        assertThat(source.forgotten).containsExactly(a.id());
        world.edit();
        source.graphs.set(world.graph(2));
        assertThat(publisher.sync(a.id()).buildLog()).noneMatch(l -> l.contains("(incremental:"));
        assertThat(source.forgotten).containsExactly(a.id(), b.id());
    }

    @Test
    void aPublisherThatKeepsNoStateSyncsInFullEveryTime() {
        IncrementalSyncTest.World world = new IncrementalSyncTest.World(new Random(3));
        InMemoryStorage storage = new InMemoryStorage();
        SizedSource source = new SizedSource(world.graph(0));
        Publisher publisher = publisher(storage, source, 0);
        Workspace ws = workspace(storage);
        publisher.sync(ws.id());
        world.edit();
        source.graphs.set(world.graph(1));
        Deployment d = publisher.sync(ws.id());

        assertThat(d.succeeded()).isTrue();
        assertThat(d.buildLog()).noneMatch(l -> l.contains("(incremental:"));
        assertThat(publisher.stateBytes()).isZero();
        assertThat(source.forgotten).contains(ws.id());
    }
}
