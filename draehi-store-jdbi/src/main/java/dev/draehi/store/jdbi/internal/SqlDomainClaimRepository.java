package dev.draehi.store.jdbi.internal;

import dev.draehi.model.DomainClaim;
import dev.draehi.store.DomainClaimRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The custom domains of workspaces, in {@code draehi_domain_claims}. */
final class SqlDomainClaimRepository implements DomainClaimRepository {
    private static final String SELECT =
            "SELECT workspace_id, domain, token, verified_at, checked_at, failing_since, notice"
                    + " FROM draehi_domain_claims";

    private final SqlContext sql;

    SqlDomainClaimRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<DomainClaim> find(long workspaceId) {
        return sql.read(
                "finding the domain of workspace " + workspaceId,
                h ->
                        h.createQuery(SELECT + " WHERE workspace_id = :id")
                                .bind("id", workspaceId)
                                .map((rs, ctx) -> map(rs))
                                .findOne());
    }

    @Override
    public List<DomainClaim> findByDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        return sql.read(
                "finding the claims of a domain",
                h ->
                        h.createQuery(SELECT + " WHERE domain = :domain ORDER BY workspace_id")
                                .bind("domain", domain)
                                .map((rs, ctx) -> map(rs))
                                .list());
    }

    @Override
    public List<DomainClaim> list() {
        return sql.read(
                "listing domains",
                h ->
                        h.createQuery(SELECT + " ORDER BY workspace_id")
                                .map((rs, ctx) -> map(rs))
                                .list());
    }

    @Override
    public DomainClaim put(DomainClaim c) {
        Objects.requireNonNull(c, "claim");
        return sql.write(
                "saving the domain of workspace " + c.workspaceId(),
                h -> {
                    SqlContext.requireWorkspace(h, c.workspaceId());
                    h.createUpdate(
                                    "INSERT INTO draehi_domain_claims (workspace_id, domain, token,"
                                            + " verified_at, checked_at, failing_since, notice) VALUES"
                                            + " (:id, :domain, :token, :verified, :checked, :failing,"
                                            + " :notice) ON CONFLICT (workspace_id) DO UPDATE SET"
                                            + " domain = excluded.domain, token = excluded.token,"
                                            + " verified_at = excluded.verified_at, checked_at ="
                                            + " excluded.checked_at, failing_since ="
                                            + " excluded.failing_since, notice = excluded.notice")
                            .bind("id", c.workspaceId())
                            .bind("domain", c.domain())
                            .bind("token", c.token())
                            .bind("verified", Timestamps.toDb(c.verifiedAt()))
                            .bind("checked", Timestamps.toDb(c.checkedAt()))
                            .bind("failing", Timestamps.toDb(c.failingSince()))
                            .bind("notice", c.notice())
                            .execute();
                    return c;
                });
    }

    @Override
    public boolean delete(long workspaceId) {
        return sql.write(
                "removing the domain of workspace " + workspaceId,
                h ->
                        h.createUpdate("DELETE FROM draehi_domain_claims WHERE workspace_id = :id")
                                        .bind("id", workspaceId)
                                        .execute()
                                > 0);
    }

    private static DomainClaim map(ResultSet rs) throws SQLException {
        return new DomainClaim(
                rs.getLong("workspace_id"),
                rs.getString("domain"),
                rs.getString("token"),
                Timestamps.read(rs, "verified_at"),
                Timestamps.read(rs, "checked_at"),
                Timestamps.read(rs, "failing_since"),
                rs.getString("notice"));
    }
}
