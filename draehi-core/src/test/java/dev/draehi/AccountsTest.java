package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.model.DeploymentStatus;
import dev.draehi.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

class AccountsTest {
    InMemoryStorage storage = new InMemoryStorage();
    Accounts accounts = Accounts.builder(storage).cost(10).build();

    @Test
    void signUpCreatesUserAndWorkspaceWithABcryptHash() {
        Accounts.Account a = accounts.signUp("ada", "correct horse");
        assertThat(a.user().passwordHash()).startsWith("$2a$10$").doesNotContain("correct horse");
        assertThat(a.workspace().slug()).isEqualTo("ada");
        assertThat(a.workspace().userId()).isEqualTo(a.user().id());
    }

    @Test
    void loginAnswersTheSameForUnknownUserAndWrongPassword() {
        accounts.signUp("ada", "correct horse");
        assertThat(accounts.login("ada", "correct horse")).isPresent();
        assertThat(accounts.login("ada", "wrong horse")).isEmpty();
        assertThat(accounts.login("bob", "correct horse")).isEmpty();
        assertThat(accounts.login("ada", "x".repeat(100))).isEmpty();
    }

    @Test
    void badUsernamesAndPasswordsAreRejected() {
        for (String name : new String[] {"ab", "Ada", "-ada", "a da", "ada!", "x".repeat(33)}) {
            assertThatThrownBy(() -> accounts.signUp(name, "long enough"))
                    .as(name)
                    .isInstanceOf(ValidationException.class);
        }
        assertThatThrownBy(() -> accounts.signUp("ada", "short"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> accounts.signUp("ada", "ü".repeat(37)))
                .isInstanceOf(ValidationException.class);
        assertThat(storage.users().findByUsername("ada")).isEmpty();
    }

    @Test
    void aTakenUsernameIsAConflictAndCreatesNothing() {
        accounts.signUp("ada", "correct horse");
        assertThatThrownBy(() -> accounts.signUp("ada", "other horse"))
                .isInstanceOf(ConflictException.class);
        assertThat(storage.workspaces().list()).hasSize(1);
    }

    @Test
    void deletingAnAccountCascades() {
        Accounts.Account a = accounts.signUp("ada", "correct horse");
        storage.repositories().create(a.workspace().id(), "file:///x", null, null);
        storage.deployments().create(a.workspace().id(), "x", DeploymentStatus.SUCCESS);
        assertThat(accounts.delete(a.user().id())).isTrue();
        assertThat(storage.workspaces().list()).isEmpty();
        assertThat(storage.repositories().list()).isEmpty();
        assertThat(storage.deployments().list(a.workspace().id())).isEmpty();
        assertThat(accounts.login("ada", "correct horse")).isEmpty();
    }
}
