package dev.draehi.spi;

import dev.draehi.model.GitRepository;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a sync asks of a {@link GraphSource}.
 *
 * @param repository the stored repository: URL, branch and deploy key
 * @param commit a commit to publish instead of the branch head (a rollback), or {@code null}
 * @param log where the source writes progress lines for the build log; never given a secret
 * @param pause told when the source reaches {@link PausePoint.Phase#FETCH}, {@link
 *     PausePoint.Phase#CHECKOUT} and {@link PausePoint.Phase#PARSE}
 */
public record SourceRequest(
        long workspaceId,
        GitRepository repository,
        String commit,
        Consumer<String> log,
        PausePoint pause) {
    public SourceRequest {
        Objects.requireNonNull(repository, "repository");
        log = log == null ? line -> {} : log;
        pause = pause == null ? PausePoint.NONE : pause;
    }

    /** A request that pauses nowhere. */
    public SourceRequest(
            long workspaceId, GitRepository repository, String commit, Consumer<String> log) {
        this(workspaceId, repository, commit, log, PausePoint.NONE);
    }

    /** Tells {@link #pause} that the source reached {@code phase}. */
    public void reached(PausePoint.Phase phase) {
        pause.reached(phase, workspaceId);
    }
}
