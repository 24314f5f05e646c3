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
 */
public record SourceRequest(
        long workspaceId, GitRepository repository, String commit, Consumer<String> log) {
    public SourceRequest {
        Objects.requireNonNull(repository, "repository");
        log = log == null ? line -> {} : log;
    }
}
