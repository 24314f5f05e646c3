package dev.draehi.server.hosting;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.DomainClaim;
import dev.draehi.model.Workspace;
import dev.draehi.store.Storage;
import java.io.IOException;
import java.net.IDN;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Custom domains: a workspace's owner claims a domain on the dashboard, proves it is theirs with a
 * {@code TXT} record {@code _draehi.<domain>} holding the workspace's token, and from then on the
 * server answers that domain with the workspace's site. A verified domain is the workspace's {@link
 * Workspace#domain()}, unique across workspaces; the claim and its checks are in {@link
 * Storage#domainClaims()}.
 *
 * <p>Verified domains are checked again every {@link #RECHECK_EVERY} ({@link #recheck()}, which the
 * server calls periodically); when the record has been missing for longer than the grace period,
 * the domain is no longer served and the owner is told on the dashboard. A domain verified by one
 * workspace and then by another goes to the other: the DNS says who holds it now.
 */
public final class Domains {
    /** The name under the domain whose {@code TXT} record holds the token. */
    public static final String TXT_LABEL = "_draehi.";

    /** How often a verified domain is checked again. */
    public static final Duration RECHECK_EVERY = Duration.ofDays(1);

    /** How often a claimed, not yet verified domain is tried again in the background. */
    public static final Duration PENDING_EVERY = Duration.ofMinutes(10);

    /** How long a verified domain stays served after its checks start failing, by default. */
    public static final Duration DEFAULT_GRACE = Duration.ofDays(3);

    private static final Logger LOG = LoggerFactory.getLogger(Domains.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final long CACHE_NANOS = Duration.ofSeconds(30).toNanos();

    /** What a check found. */
    public enum Check {
        /** The record holds the token: the domain is served. */
        VERIFIED,
        /** The record is missing or holds another value. */
        MISSING,
        /** The DNS could not be asked; nothing changed. */
        DNS_ERROR,
        /** The workspace claims no domain. */
        NO_CLAIM
    }

    private final Storage storage;
    private final TxtLookup lookup;
    private final Clock clock;
    private final Duration grace;
    private final String ownHost;
    private volatile Served served;

    private record Served(Map<String, Workspace> byDomain, long loadedAt) {}

    private Domains(Builder b) {
        this.storage = b.storage;
        this.lookup = b.lookup;
        this.clock = b.clock;
        this.grace = b.grace;
        this.ownHost = b.ownHost;
    }

    /** A builder over the storage, checking records with {@code lookup}. */
    public static Builder builder(Storage storage, TxtLookup lookup) {
        return new Builder(storage, lookup);
    }

    /**
     * The domain an owner typed as the server keeps it: lower case, international names in punycode
     * ({@code bücher.example} becomes {@code xn--bcher-kva.example}), no trailing dot.
     *
     * @throws ValidationException for a port, a wildcard, an address, a single label or anything
     *     that is not a host name
     */
    public static String normalize(String input) {
        String s = input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new ValidationException("enter a domain such as notes.example.com");
        }
        if (s.contains("*")) {
            throw new ValidationException("a wildcard domain cannot be served: enter one name");
        }
        if (s.contains(":")) {
            throw new ValidationException("enter the domain without a port or scheme");
        }
        if (s.contains("/") || s.contains("@") || s.chars().anyMatch(Character::isWhitespace)) {
            throw new ValidationException("enter only the domain, such as notes.example.com");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("'" + input.strip() + "' is not a valid domain");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            throw new ValidationException("enter a full domain such as notes.example.com");
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                throw new ValidationException("'" + input.strip() + "' is not a valid domain");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new ValidationException("enter a domain name, not an address");
        }
        return ascii;
    }

    /** The host of a {@code Host} header ({@code Notes.Example.com:443}) as domains are kept. */
    public static String hostOf(String header) {
        if (header == null) {
            return "";
        }
        String h = header.split(",")[0].strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h; // an IPv6 literal is never a custom domain
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** The name whose {@code TXT} record proves a domain: {@code _draehi.<domain>}. */
    public static String txtName(String domain) {
        return TXT_LABEL + domain;
    }

    /** The server's own host, which no workspace may claim, or {@code ""} when unknown. */
    public String ownHost() {
        return ownHost;
    }

    /** The workspace's claim, verified or not. */
    public Optional<DomainClaim> claimOf(long workspaceId) {
        return storage.domainClaims().find(workspaceId);
    }

    /**
     * Claims {@code input} for the workspace: not served until {@link #verify}. Claiming the same
     * domain again changes nothing; another domain unserves the old one. The workspace keeps its
     * token across domains.
     *
     * @throws ValidationException for what {@link #normalize} refuses and the server's own host
     * @throws ConflictException when another workspace serves the domain and its checks pass
     */
    public DomainClaim claim(long workspaceId, String input) {
        String domain = normalize(input);
        if (domain.equals(ownHost) || domain.equals("localhost")) {
            throw new ValidationException("this is the server's own domain");
        }
        for (DomainClaim other : storage.domainClaims().findByDomain(domain)) {
            if (other.workspaceId() != workspaceId
                    && other.verified()
                    && other.failingSince() == null) {
                throw new ConflictException("the domain " + domain + " is used by another site");
            }
        }
        Optional<DomainClaim> existing = storage.domainClaims().find(workspaceId);
        if (existing.isPresent() && existing.get().domain().equals(domain)) {
            return existing.get();
        }
        String token = existing.map(DomainClaim::token).orElseGet(Domains::newToken);
        DomainClaim claim = new DomainClaim(workspaceId, domain, token, null, null, null, null);
        storage.inTransaction(
                s -> {
                    setServed(s, workspaceId, null);
                    return s.domainClaims().put(claim);
                });
        forget();
        return claim;
    }

    /** Drops the workspace's domain: it is no longer served. */
    public void clear(long workspaceId) {
        storage.inTransaction(
                s -> {
                    setServed(s, workspaceId, null);
                    return s.domainClaims().delete(workspaceId);
                });
        forget();
    }

    /**
     * Looks up the workspace's {@code TXT} record now. Found: the domain is served by this
     * workspace, and taken from any other that served it (told on its dashboard). Missing: a
     * verified domain starts failing, and is unserved once it has failed for the grace period.
     */
    public Check verify(long workspaceId) {
        Optional<DomainClaim> found = storage.domainClaims().find(workspaceId);
        if (found.isEmpty()) {
            return Check.NO_CLAIM;
        }
        DomainClaim claim = found.get();
        List<String> records;
        try {
            records = lookup.txt(txtName(claim.domain()));
        } catch (IOException e) {
            LOG.warn("domains: cannot check {}: {}", claim.domain(), e.getMessage());
            return Check.DNS_ERROR;
        }
        boolean ok = records.stream().anyMatch(r -> r.strip().equals(claim.token()));
        Instant now = clock.instant();
        storage.inTransaction(
                s -> {
                    if (ok) {
                        for (DomainClaim other : s.domainClaims().findByDomain(claim.domain())) {
                            if (other.workspaceId() != workspaceId && other.verified()) {
                                s.domainClaims()
                                        .put(
                                                other.unserved(
                                                        "Another site verified "
                                                                + other.domain()
                                                                + ": it now shows that site, not"
                                                                + " yours."));
                                setServed(s, other.workspaceId(), null);
                            }
                        }
                        s.domainClaims().put(claim.checked(true, now));
                        setServed(s, workspaceId, claim.domain());
                    } else {
                        DomainClaim failed = claim.checked(false, now);
                        if (failed.failingSince() != null
                                && !failed.failingSince().plus(grace).isAfter(now)) {
                            failed =
                                    failed.unserved(
                                            "The TXT record of "
                                                    + claim.domain()
                                                    + " no longer holds this site's token, so the"
                                                    + " domain is no longer served. Put it back"
                                                    + " and check again.");
                            setServed(s, workspaceId, null);
                            LOG.info("domains: {} unserved: its record is gone", claim.domain());
                        }
                        s.domainClaims().put(failed);
                    }
                    return null;
                });
        forget();
        return ok ? Check.VERIFIED : Check.MISSING;
    }

    /**
     * Checks the verified domains last checked {@link #RECHECK_EVERY} ago or more, and tries the
     * claimed ones again every {@link #PENDING_EVERY}. Call it periodically (hourly is plenty).
     *
     * @return how many domains were checked
     */
    public int recheck() {
        Instant now = clock.instant();
        int n = 0;
        for (DomainClaim c : storage.domainClaims().list()) {
            Duration every = c.verified() ? RECHECK_EVERY : PENDING_EVERY;
            if (c.notice() != null && !c.verified()) {
                continue; // unserved or taken: the owner checks again from the dashboard
            }
            if (c.checkedAt() == null || !c.checkedAt().plus(every).isAfter(now)) {
                verify(c.workspaceId());
                n++;
            }
        }
        return n;
    }

    /** The workspace a verified domain serves, from a cache at most 30 seconds old. */
    public Optional<Workspace> served(String domain) {
        if (domain == null || domain.isEmpty()) {
            return Optional.empty();
        }
        Served s = served;
        if (s == null || System.nanoTime() - s.loadedAt() > CACHE_NANOS) {
            Map<String, Workspace> m = new HashMap<>();
            for (Workspace w : storage.workspaces().list()) {
                if (w.domain() != null) {
                    m.put(w.domain(), w);
                }
            }
            s = new Served(Map.copyOf(m), System.nanoTime());
            served = s;
        }
        return Optional.ofNullable(s.byDomain().get(domain));
    }

    /** The verified domain of a workspace, by its slug, from the same cache. */
    public Optional<String> domainOfSlug(String slug) {
        served("-"); // loads the cache
        return served.byDomain().entrySet().stream()
                .filter(e -> e.getValue().slug().equals(slug))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Forgets the cache of served domains: call it after a workspace's slug changes. */
    public void forget() {
        served = null;
    }

    private static void setServed(Storage s, long workspaceId, String domain) {
        Workspace w =
                s.workspaces()
                        .findById(workspaceId)
                        .orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        if (!Objects.equals(w.domain(), domain)) {
            s.workspaces().update(w.withDomain(domain));
        }
    }

    private static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "draehi-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Builds {@link Domains}. */
    public static final class Builder {
        private final Storage storage;
        private final TxtLookup lookup;
        private Clock clock = Clock.systemUTC();
        private Duration grace = DEFAULT_GRACE;
        private String ownHost = "";

        private Builder(Storage storage, TxtLookup lookup) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.lookup = Objects.requireNonNull(lookup, "lookup");
        }

        /** The clock of checks and the grace period. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long a failing domain stays served. Default: {@link #DEFAULT_GRACE}. */
        public Builder grace(Duration grace) {
            this.grace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * The server's public URL ({@code --base-url}), whose host no workspace may claim and which
         * is never taken for a custom domain. Default: none.
         */
        public Builder baseUrl(String baseUrl) {
            String h = baseUrl == null ? null : java.net.URI.create(baseUrl.strip()).getHost();
            this.ownHost = h == null ? "" : hostOf(h);
            return this;
        }

        /** The domains. */
        public Domains build() {
            return new Domains(this);
        }
    }
}
