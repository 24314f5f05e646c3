package dev.draehi.testing;

import dev.draehi.model.Graph;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.Revision;
import dev.draehi.spi.SourceRequest;
import java.util.function.Supplier;

/** A graph source that serves whatever graph the test sets, or fails as the test says. */
public final class FakeGraphSource implements GraphSource {
    private volatile Graph graph;
    private volatile Supplier<RuntimeException> failure;

    public FakeGraphSource(Graph graph) {
        this.graph = graph;
    }

    /** Serve {@code next} from now on. */
    public void set(Graph next) {
        this.graph = next;
        this.failure = null;
    }

    /** Fail every fetch with the exception {@code failure} makes. */
    public void failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    @Override
    public Revision fetch(SourceRequest request) {
        Supplier<RuntimeException> f = failure;
        if (f != null) {
            throw f.get();
        }
        return new Revision(graph.commitSha(), request.repository().branch());
    }

    @Override
    public Graph load(SourceRequest request, Revision revision) {
        return graph;
    }
}
