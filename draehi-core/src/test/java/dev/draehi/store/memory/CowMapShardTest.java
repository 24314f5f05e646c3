package dev.draehi.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The keys {@link CowMap} puts in one shard spread over that shard's {@code HashMap} buckets: a
 * shard picked from the bits a {@code HashMap} picks its bucket from put every key of a shard into
 * a few buckets, and lookups walked chains and trees of colliding keys.
 */
class CowMapShardTest {

    /** The bucket a {@code HashMap} of {@code capacity} puts {@code key} in. */
    private static int bucket(Object key, int capacity) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    @Test
    void aShardsKeysFillMostOfItsBuckets() {
        int shards = 64;
        int capacity = 512; // a HashMap's table for 256 entries
        List<List<String>> byShard = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            byShard.add(new ArrayList<>());
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < shards * 256; i++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            byShard.get(CowMap.shard(uuid, shards)).add(uuid);
        }
        for (List<String> keys : byShard) {
            assertThat(keys).hasSizeBetween(128, 384);
            Set<Integer> buckets = new HashSet<>();
            for (String k : keys) {
                buckets.add(bucket(k, capacity));
            }
            // about 1 - e^(-n/512) of the buckets for n random keys: 40% for 256; one in 64 before
            assertThat(buckets.size()).as("buckets used").isGreaterThan(keys.size() / 2);
        }
    }

    @Test
    void everyShardIsUsed() {
        for (int shards = 16; shards <= 1 << 16; shards *= 4) {
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < shards * 8; i++) {
                int s = CowMap.shard("page " + i, shards);
                assertThat(s).isBetween(0, shards - 1);
                used.add(s);
            }
            assertThat(used.size()).as("shards used of %d", shards).isGreaterThan(shards * 9 / 10);
        }
    }
}
