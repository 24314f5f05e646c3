package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.jdbi.testing.TestContent;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readers during a replace, and replaces racing each other. */
class ConcurrencyTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private JdbiStorage storage;
    private Workspace w;
    private WorkspaceContent v1;
    private WorkspaceContent v2;

    @BeforeEach
    void open() throws SQLException {
        PG.truncate();
        storage = PG.storage();
        w = storage.workspaces().create(storage.users().create("ada", "h").id(), "ada");
        v1 = TestContent.generate(w.id(), 30, 20, "v1");
        v2 = TestContent.generate(w.id(), 40, 25, "v2");
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    @Timeout(120)
    void readerSeesWholeOldOrWholeNewContent() throws Exception {
        storage.nodes().replaceAll(w.id(), v1);
        Set<Long> counts = Set.of((long) v1.nodes().size(), (long) v2.nodes().size());
        Set<Integer> pageCounts = Set.of(30, 40);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader =
                new Thread(
                        () -> {
                            started.countDown();
                            while (!stop.get()) {
                                long n = storage.nodes().count(w.id());
                                if (!counts.contains(n)) {
                                    wrong.add("count " + n);
                                }
                                int pages = storage.nodes().pages(w.id()).size();
                                if (!pageCounts.contains(pages)) {
                                    wrong.add("pages " + pages);
                                }
                                List<Node> blocks =
                                        storage.nodes().blocksOfPage(w.id(), "Project 5");
                                Set<String> versions =
                                        blocks.stream()
                                                .map(b -> b.html().substring(3, 5))
                                                .collect(Collectors.toSet());
                                if (blocks.isEmpty()
                                        || versions.size() != 1
                                        || blocks.size() != (versions.contains("v1") ? 20 : 25)) {
                                    wrong.add("blocks " + blocks.size() + " " + versions);
                                }
                                if (storage.nodes().findByPath(w.id(), "project-5").isEmpty()) {
                                    wrong.add("no route");
                                }
                                reads.incrementAndGet();
                            }
                        });
        reader.start();
        started.await();
        for (int i = 0; i < 10; i++) {
            storage.nodes().replaceAll(w.id(), i % 2 == 0 ? v2 : v1);
        }
        stop.set(true);
        reader.join();
        assertThat(wrong).isEmpty();
        assertThat(reads.get()).isPositive();
    }

    @Test
    @Timeout(120)
    void concurrentReplacesOfOneWorkspaceSerialize() throws Exception {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] writers = new Thread[3];
        for (int t = 0; t < writers.length; t++) {
            WorkspaceContent mine = t % 2 == 0 ? v1 : v2;
            writers[t] =
                    new Thread(
                            () -> {
                                try {
                                    go.await();
                                    for (int i = 0; i < 5; i++) {
                                        storage.nodes().replaceAll(w.id(), mine);
                                    }
                                } catch (Throwable e) {
                                    failures.add(e);
                                }
                            });
            writers[t].start();
        }
        go.countDown();
        for (Thread t : writers) {
            t.join();
        }
        // without the content lock, the second COPY of the same uuids fails on the primary key
        assertThat(failures).isEmpty();
        assertThat(storage.nodes().count(w.id()))
                .isIn((long) v1.nodes().size(), (long) v2.nodes().size());
        assertThat(
                        PG.rows(
                                "SELECT count(DISTINCT substring(html from 4 for 2)) FROM nodes"
                                        + " WHERE html IS NOT NULL"))
                .containsExactly("1");
    }
}
