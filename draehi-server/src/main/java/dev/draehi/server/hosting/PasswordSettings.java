package dev.draehi.server.hosting;

import dev.draehi.ValidationException;
import dev.draehi.server.Accounts;
import dev.draehi.site.SiteResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's password form: the current password, limited as logins are, and a new one that
 * follows the sign-up rules (length, not a common password).
 */
final class PasswordSettings {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordSettings.class);

    private final Accounts accounts;
    private final LoginThrottle logins;
    private final Dashboard dashboard;
    private final Responses responses;

    PasswordSettings(
            Accounts accounts, LoginThrottle logins, Dashboard dashboard, Responses responses) {
        this.accounts = accounts;
        this.logins = logins;
        this.dashboard = dashboard;
        this.responses = responses;
    }

    SiteResponse change(SignedIn s, HostingRequest r) {
        String username = s.user().username();
        Duration wait = logins.wait(username, r.remoteAddress());
        if (!wait.isZero()) {
            return refuse(s, Responses.tooMany("wrong passwords", wait), 429);
        }
        String next = r.field("password");
        if (!next.equals(r.field("confirm"))) {
            return refuse(s, "The two new passwords differ.", 400);
        }
        boolean changed;
        try {
            changed = accounts.changePassword(s.user().id(), r.field("current"), next);
        } catch (ValidationException e) {
            return refuse(s, Responses.sentence(e.getMessage()), 400);
        }
        if (!changed) {
            logins.failed(username, r.remoteAddress());
            return refuse(s, "The current password is wrong.", 401);
        }
        LOG.info("hosting: user '{}' changed their password", username);
        return responses.redirect(Hosting.DASHBOARD + "?m=password-changed", null);
    }

    private SiteResponse refuse(SignedIn s, String error, int status) {
        return dashboard.refuse(s, "password", error, Map.of(), status);
    }
}
