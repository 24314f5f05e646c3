package dev.draehi.server.hosting;

import dev.draehi.ConflictException;
import dev.draehi.ValidationException;
import dev.draehi.model.Slugs;
import dev.draehi.model.User;
import dev.draehi.server.Accounts;
import dev.draehi.server.hosting.HostingPages.Nav;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-up, login, logout and account deletion: the pages that start and end sessions, with the
 * limits on sign-ups per address and on failed logins ({@link LoginThrottle}). One message for an
 * unknown user and a wrong password.
 */
final class AccountPages {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPages.class);

    private final Storage storage;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Responses responses;
    private final HostingPages pages;
    private final RequestOrigin origin;
    private final LoginThrottle logins;
    private final LoginThrottle signups;

    AccountPages(
            Storage storage,
            Accounts accounts,
            Sessions sessions,
            Responses responses,
            RequestOrigin origin,
            LoginThrottle logins,
            LoginThrottle signups) {
        this.storage = storage;
        this.accounts = accounts;
        this.sessions = sessions;
        this.responses = responses;
        this.pages = responses.pages();
        this.origin = origin;
        this.logins = logins;
        this.signups = signups;
    }

    SiteResponse signupForm(
            HostingRequest r, String username, String error, String notice, int status) {
        // Shown to a signed-in browser too: one may sign up or log in as someone else.
        Nav nav = sessions.signedIn(r).map(SignedIn::nav).orElse(null);
        String csrf = Sessions.preSessionToken(r);
        String preview =
                origin.base(r)
                        + "/"
                        + Slugs.workspaceSlug(username.isEmpty() ? "username" : username)
                        + "/";
        return responses.html(
                status,
                pages.signup(nav, csrf, username, preview, error, notice),
                sessions.preSessionCookie(r, csrf));
    }

    SiteResponse loginForm(
            HostingRequest r, String username, String error, String notice, int status) {
        Nav nav = sessions.signedIn(r).map(SignedIn::nav).orElse(null);
        String csrf = Sessions.preSessionToken(r);
        return responses.html(
                status,
                pages.login(nav, csrf, username, error, notice),
                sessions.preSessionCookie(r, csrf));
    }

    SiteResponse signup(HostingRequest r) {
        String username = r.field("username").strip().toLowerCase(Locale.ROOT);
        if (!Sessions.preSessionCsrfMatches(r)) {
            return signupForm(r, username, "This form has expired. Please try again.", null, 403);
        }
        String password = r.field("password");
        if (!password.equals(r.field("confirm"))) {
            return signupForm(r, username, "The two passwords differ.", null, 400);
        }
        if (signups.blocked("", r.remoteAddress())) {
            return signupForm(
                    r,
                    username,
                    "Too many sign-ups from your address. Try again later.",
                    null,
                    429);
        }
        // Counted before the bcrypt work, so that taken names cost an attacker the same.
        signups.failed("", r.remoteAddress());
        Accounts.Account account;
        try {
            account = accounts.signUp(username, password);
        } catch (ValidationException e) {
            return signupForm(r, username, Responses.sentence(e.getMessage()), null, 400);
        } catch (ConflictException e) {
            return signupForm(r, username, "That username is taken. Choose another.", null, 409);
        }
        LOG.info("hosting: user '{}' signed up", account.user().username());
        return sessions.start(r, account.user(), Hosting.DASHBOARD + "?m=welcome");
    }

    SiteResponse login(HostingRequest r) {
        String username = r.field("username").strip().toLowerCase(Locale.ROOT);
        if (!Sessions.preSessionCsrfMatches(r)) {
            return loginForm(r, username, "This form has expired. Please try again.", null, 403);
        }
        String address = r.remoteAddress();
        Duration wait = logins.wait(username, address);
        if (!wait.isZero()) {
            return loginForm(r, username, Responses.tooMany("failed logins", wait), null, 429);
        }
        Optional<User> user = accounts.login(username, r.field("password"));
        if (user.isEmpty()) {
            logins.failed(username, address);
            return loginForm(r, username, "Wrong username or password.", null, 401);
        }
        logins.succeeded(username, address);
        return sessions.start(r, user.get(), Hosting.DASHBOARD);
    }

    SiteResponse logoutPage(HostingRequest r) {
        Optional<SignedIn> me = sessions.signedIn(r);
        if (me.isEmpty()) {
            return responses.redirect(Hosting.LOGIN, null);
        }
        return responses.html(200, pages.logout(me.get().nav()), null);
    }

    SiteResponse logout(HostingRequest r) {
        Optional<SignedIn> me = sessions.signedIn(r);
        if (me.isPresent()) {
            if (!Sessions.csrfMatches(r, me.get())) {
                return responses.expiredForm(me.get().nav());
            }
            storage.sessions().delete(me.get().sessionId());
        }
        return responses.redirect(Hosting.LOGIN + "?m=logged-out", sessions.endCookie(r));
    }

    SiteResponse deletePage(SignedIn s) {
        return responses.html(200, pages.delete(s.nav(), null), null);
    }

    SiteResponse deleteAccount(SignedIn s, HostingRequest r) {
        String username = s.user().username();
        Duration wait = logins.wait(username, r.remoteAddress());
        if (!wait.isZero()) {
            return responses.html(
                    429, pages.delete(s.nav(), Responses.tooMany("wrong passwords", wait)), null);
        }
        if (!accounts.verifyPassword(s.user().id(), r.field("password"))) {
            logins.failed(username, r.remoteAddress());
            return responses.html(401, pages.delete(s.nav(), "Wrong password."), null);
        }
        storage.sessions().deleteByUser(s.user().id());
        accounts.delete(s.user().id());
        LOG.info("hosting: user '{}' deleted their account", username);
        return responses.redirect(Hosting.SIGNUP + "?m=deleted", sessions.endCookie(r));
    }
}
