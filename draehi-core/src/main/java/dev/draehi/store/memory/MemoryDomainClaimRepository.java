package dev.draehi.store.memory;

import dev.draehi.NotFoundException;
import dev.draehi.model.DomainClaim;
import dev.draehi.store.DomainClaimRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The domain claims of an {@link InMemoryStorage}. */
final class MemoryDomainClaimRepository implements DomainClaimRepository {
    private final InMemoryStorage store;

    MemoryDomainClaimRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public Optional<DomainClaim> find(long workspaceId) {
        return Optional.ofNullable(store.read().domainClaims.get(workspaceId));
    }

    @Override
    public List<DomainClaim> findByDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        return store.read().domainClaims.values().stream()
                .filter(c -> c.domain().equals(domain))
                .toList();
    }

    @Override
    public List<DomainClaim> list() {
        return List.copyOf(store.read().domainClaims.values());
    }

    @Override
    public DomainClaim put(DomainClaim claim) {
        Objects.requireNonNull(claim, "claim");
        return store.write(
                s -> {
                    if (!s.workspaces.containsKey(claim.workspaceId())) {
                        throw new NotFoundException("no workspace with id " + claim.workspaceId());
                    }
                    s.domainClaims.put(claim.workspaceId(), claim);
                    return claim;
                });
    }

    @Override
    public boolean delete(long workspaceId) {
        return store.write(s -> s.domainClaims.remove(workspaceId) != null);
    }
}
