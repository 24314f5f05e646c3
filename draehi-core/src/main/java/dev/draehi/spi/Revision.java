package dev.draehi.spi;

import java.util.Objects;

/**
 * What a {@link GraphSource} fetched: the commit to publish and the branch it is on.
 *
 * @param commitSha the 40-hex commit, or for a plain directory a SHA-1 over its files
 * @param branch the branch the commit is on; may differ from the stored one when the source fell
 *     back to the remote's default branch, or {@code null} for a plain directory
 */
public record Revision(String commitSha, String branch) {
    public Revision {
        Objects.requireNonNull(commitSha, "commitSha");
    }
}
