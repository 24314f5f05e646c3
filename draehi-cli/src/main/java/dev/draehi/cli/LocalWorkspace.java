package dev.draehi.cli;

import dev.draehi.ConflictException;
import dev.draehi.model.Slugs;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.store.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The workspace the command line publishes a source into. The command line acts as one local user
 * per workspace ({@code cli:{slug}}, with a password hash no password matches), so publishing the
 * same source again reuses the workspace.
 */
final class LocalWorkspace {
    private LocalWorkspace() {}

    /**
     * The workspace slug for a source: {@code --workspace}, else the repository or directory name.
     */
    static String slugFor(String source, String requested) {
        if (requested != null && !requested.isBlank()) {
            String slug = Slugs.slugify(requested);
            Slugs.requireValidWorkspaceSlug(slug);
            return slug;
        }
        String name = source.replaceAll("[/\\\\]+$", "");
        if (name.startsWith("file:")) {
            name = Path.of(URI.create(name)).toString();
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (name.toLowerCase(Locale.ROOT).endsWith(".git")) {
            name = name.substring(0, name.length() - 4);
        }
        return Slugs.workspaceSlug(name.isBlank() ? "graph" : name);
    }

    /**
     * The workspace with {@code slug}, created with its user and repository when missing. Safe to
     * run from several processes at once: whoever loses a race to create a row reads the winner's.
     */
    static Workspace ensure(Storage storage, String slug, String repoUrl) {
        for (int attempt = 0; ; attempt++) {
            try {
                return ensureOnce(storage, slug, repoUrl);
            } catch (ConflictException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Workspace ensureOnce(Storage storage, String slug, String repoUrl) {
        String username = "cli:" + slug;
        Workspace ws = storage.workspaces().findBySlug(slug).orElse(null);
        if (ws == null) {
            User user =
                    storage.users()
                            .findByUsername(username)
                            .orElseGet(() -> storage.users().create(username, "!"));
            ws =
                    storage.workspaces()
                            .findByUser(user.id())
                            .orElseGet(() -> storage.workspaces().create(user.id(), slug));
            if (!ws.slug().equals(slug)) {
                ws = storage.workspaces().update(ws.withSlug(slug));
            }
        }
        long id = ws.id();
        var repo = storage.repositories().findByWorkspace(id);
        if (repo.isEmpty()) {
            storage.repositories().create(id, repoUrl, null, System.getenv("DRAEHI_GIT_TOKEN"));
        } else if (!repo.get().repoUrl().equals(repoUrl)) {
            storage.repositories().update(id, repoUrl, repo.get().branch(), repo.get().deployKey());
        }
        return ws;
    }
}
