package dev.draehi.server.hosting;

import dev.draehi.model.Session;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.server.hosting.HostingPages.Nav;

/**
 * The signed-in user of a request, with their workspace: every dashboard action works on this
 * workspace and no other.
 *
 * @param sessionId the stored session's id (the SHA-256 of the cookie's token)
 * @param base the absolute base the dashboard's links start with
 */
record SignedIn(String sessionId, Session session, User user, Workspace workspace, String base) {
    Nav nav() {
        return new Nav(user.username(), workspace.slug(), session.csrfToken());
    }

    long workspaceId() {
        return workspace.id();
    }
}
