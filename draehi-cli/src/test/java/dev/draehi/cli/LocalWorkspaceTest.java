package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.ValidationException;
import dev.draehi.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

class LocalWorkspaceTest {
    @Test
    void slugComesFromTheRepositoryOrDirectoryName() {
        assertThat(LocalWorkspace.slugFor("https://github.com/logseq/docs.git", null))
                .isEqualTo("docs");
        assertThat(LocalWorkspace.slugFor("examples/graphs/logseq-docs/", null))
                .isEqualTo("logseq-docs");
        assertThat(LocalWorkspace.slugFor("file:///tmp/My%20Notes", null)).isEqualTo("my-notes");
        assertThat(LocalWorkspace.slugFor("x", "Team Wiki")).isEqualTo("team-wiki");
        assertThatThrownBy(() -> LocalWorkspace.slugFor("x", "api"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void publishingTheSameSourceAgainReusesTheWorkspace() {
        InMemoryStorage storage = new InMemoryStorage();
        var first = LocalWorkspace.ensure(storage, "docs", "/tmp/a");
        var again = LocalWorkspace.ensure(storage, "docs", "/tmp/b");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(storage.repositories().findByWorkspace(first.id()).orElseThrow().repoUrl())
                .isEqualTo("/tmp/b");
        assertThat(storage.workspaces().list()).hasSize(1);
    }
}
