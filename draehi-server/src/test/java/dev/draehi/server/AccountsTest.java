package dev.draehi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
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
    void reservedNamesAndLookAlikeOrEndlessSlugsAreRefused() {
        for (String name : new String[] {"admin", "api", "static", "assets", "login", "www"}) {
            assertThatThrownBy(() -> accounts.signUp(name, "long enough"))
                    .as(name)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("reserved");
        }
        long ws = accounts.signUp("ada", "correct horse").workspace().id();
        for (String slug :
                new String[] {
                    "\u0430da", "n\u00f6tes", "x".repeat(64), "admin", "\uff41\uff44\uff41"
                }) {
            assertThatThrownBy(() -> accounts.updateWorkspace(ws, "x", slug, 3))
                    .as(slug)
                    .isInstanceOf(ValidationException.class);
        }
        assertThat(accounts.updateWorkspace(ws, "x", "x".repeat(63), 3).slug()).hasSize(63);
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

    @Test
    void workspaceSettingsAreValidatedAndStored() {
        Accounts.Account a = accounts.signUp("ada", "correct horse");
        accounts.signUp("bob", "correct horse");
        long ws = a.workspace().id();
        assertThat(accounts.updateWorkspace(ws, "Ada's notes", "notes", 3))
                .satisfies(
                        w -> {
                            assertThat(w.slug()).isEqualTo("notes");
                            assertThat(w.name()).isEqualTo("Ada's notes");
                            assertThat(w.embedDepth()).isEqualTo(3);
                        });
        assertThatThrownBy(() -> accounts.updateWorkspace(ws, "x", "bob", 3))
                .isInstanceOf(ConflictException.class);
        for (String slug : new String[] {"Notes", "a b", "api", "", "-x"}) {
            assertThatThrownBy(() -> accounts.updateWorkspace(ws, "x", slug, 3))
                    .as(slug)
                    .isInstanceOf(ValidationException.class);
        }
        assertThatThrownBy(() -> accounts.updateWorkspace(ws, "x", "notes", -1))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> accounts.updateWorkspace(ws, " ", "notes", 1))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> accounts.updateWorkspace(99, "x", "zz", 1))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void repositoryIsConnectedChangedAndKeepsItsTokenUnlessReplaced() {
        long ws = accounts.signUp("ada", "correct horse").workspace().id();
        assertThat(accounts.connectRepository(ws, " https://github.com/ada/notes ", null, "tok-1"))
                .satisfies(
                        r -> {
                            assertThat(r.repoUrl()).isEqualTo("https://github.com/ada/notes");
                            assertThat(r.branch()).isEqualTo("main");
                            assertThat(r.deployKey()).isEqualTo("tok-1");
                        });
        assertThat(accounts.connectRepository(ws, "https://GitHub.com/ada/wiki", "pages", null))
                .satisfies(
                        r -> {
                            assertThat(r.branch()).isEqualTo("pages");
                            assertThat(r.deployKey()).isEqualTo("tok-1");
                        });
        // Another scheme is another host: the token is not sent over ssh.
        assertThat(
                        accounts.connectRepository(
                                        ws, "git@github.com:ada/notes.git", "pages", null)
                                .deployKey())
                .isNull();
        assertThat(accounts.connectRepository(ws, "file:///srv/notes", "main", "").deployKey())
                .isNull();
        for (String url :
                new String[] {
                    "",
                    "github.com/ada/notes",
                    "javascript:alert(1)",
                    "ftp://h/r",
                    "https://ada:secret@github.com/ada/notes",
                    "https:///nohost",
                    "https://h/a b"
                }) {
            assertThatThrownBy(() -> accounts.connectRepository(ws, url, null, null))
                    .as(url)
                    .isInstanceOf(ValidationException.class)
                    .message()
                    .doesNotContain("secret");
        }
        for (String branch : new String[] {"-x", "a..b", "a b", "x.lock", "a:b", "a~1"}) {
            assertThatThrownBy(() -> accounts.connectRepository(ws, "https://h/r", branch, null))
                    .as(branch)
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void newWebhookSecretReplacesTheOldOne() {
        long ws = accounts.signUp("ada", "correct horse").workspace().id();
        assertThatThrownBy(() -> accounts.newWebhookSecret(ws))
                .isInstanceOf(NotFoundException.class);
        accounts.connectRepository(ws, "https://github.com/ada/notes", null, null);
        String first = accounts.newWebhookSecret(ws);
        String second = accounts.newWebhookSecret(ws);
        assertThat(first).hasSize(64).isNotEqualTo(second);
        assertThat(storage.repositories().webhookSecret(ws)).contains(second);
    }

    @Test
    void commonPasswordsAreRefusedAtSignUpAndOnChange() {
        assertThat(CommonPasswords.size()).isGreaterThan(10_000);
        for (String common :
                new String[] {"password1234", "Qwerty123456", "iloveyou123", "12345678"}) {
            assertThatThrownBy(() -> accounts.signUp("ada", common))
                    .as(common)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("most common");
        }
        assertThat(storage.users().findByUsername("ada")).isEmpty();

        long ada = accounts.signUp("ada", "correct horse").user().id();
        assertThatThrownBy(() -> accounts.changePassword(ada, "correct horse", "Sunshine1"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("most common");
        assertThat(accounts.changePassword(ada, "wrong horse", "battery staple")).isFalse();
        assertThat(accounts.login("ada", "correct horse")).isPresent();
        assertThat(accounts.changePassword(ada, "correct horse", "battery staple")).isTrue();
        assertThat(accounts.login("ada", "battery staple")).isPresent();
        assertThat(accounts.login("ada", "correct horse")).isEmpty();
    }

    @Test
    void aFreedSlugIsHeldBackFromOthersForTheHoldPeriod() {
        Accounts.Account ada = accounts.signUp("ada", "correct horse");
        accounts.delete(ada.user().id());
        assertThatThrownBy(() -> accounts.signUp("ada", "other horse"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("held back for 30 days");
        long bob = accounts.signUp("bob", "correct horse").workspace().id();
        assertThatThrownBy(() -> accounts.updateWorkspace(bob, "Bob", "ada", 3))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("held back");

        // A rename frees the old slug too: held for its owner, who may take it back.
        accounts.updateWorkspace(bob, "Bob", "robert", 3);
        long cyd = accounts.signUp("cyd", "correct horse").workspace().id();
        assertThatThrownBy(() -> accounts.updateWorkspace(cyd, "Cyd", "bob", 3))
                .isInstanceOf(ValidationException.class);
        assertThat(accounts.updateWorkspace(bob, "Bob", "bob", 3).slug()).isEqualTo("bob");
        assertThat(storage.slugHolds().find("bob")).isEmpty();
        assertThat(storage.slugHolds().find("robert")).isPresent();

        // After the hold period, anyone may take it.
        Accounts later =
                Accounts.builder(storage)
                        .cost(10)
                        .clock(
                                java.time.Clock.offset(
                                        java.time.Clock.systemUTC(),
                                        Accounts.DEFAULT_SLUG_HOLD.plusMinutes(1)))
                        .build();
        assertThat(later.signUp("ada", "other horse").workspace().slug()).isEqualTo("ada");
        assertThat(
                        Accounts.builder(storage)
                                .cost(10)
                                .slugHold(java.time.Duration.ZERO)
                                .build()
                                .updateWorkspace(cyd, "Cyd", "robert", 3)
                                .slug())
                .isEqualTo("robert");
    }
}
