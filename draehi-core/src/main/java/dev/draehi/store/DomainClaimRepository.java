package dev.draehi.store;

import dev.draehi.model.DomainClaim;
import java.util.List;
import java.util.Optional;

/**
 * The custom domains workspaces claim, one per workspace, with their verification state. Deleting a
 * workspace deletes its claim.
 */
public interface DomainClaimRepository {
    /** The claim of a workspace. */
    Optional<DomainClaim> find(long workspaceId);

    /** Every claim of a domain, verified or not. */
    List<DomainClaim> findByDomain(String domain);

    /** Every claim, by workspace id. */
    List<DomainClaim> list();

    /**
     * Stores the claim, replacing the workspace's previous one.
     *
     * @throws dev.draehi.NotFoundException if the workspace does not exist
     */
    DomainClaim put(DomainClaim claim);

    /** Removes the workspace's claim; false if it had none. */
    boolean delete(long workspaceId);
}
