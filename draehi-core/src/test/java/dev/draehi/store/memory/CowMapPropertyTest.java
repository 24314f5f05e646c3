package dev.draehi.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link CowMap} behaves as a {@link HashMap} through any mix of writes and copies, and a copy's
 * writes never show in the map it came from (nor the other way round): the in-memory store's
 * readers keep the content they started with while a sync patches a copy.
 */
class CowMapPropertyTest {

    @Property
    void copiesAreIndependentMaps(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 7) Integer> ops,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 3000) Integer> keys) {
        check(new CowMap<>(), ops, keys);
    }

    /** With one entry a shard, the maps take more shards at 16, 64 and 256 entries. */
    @Property
    void copiesAreIndependentMapsAsTheirShardsMultiply(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 7) Integer> ops,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 3000) Integer> keys) {
        check(new CowMap<>(1), ops, keys);
    }

    private static void check(
            CowMap<Integer, String> first, List<Integer> ops, List<Integer> keys) {
        List<CowMap<Integer, String>> maps = new ArrayList<>(List.of(first));
        List<Map<Integer, String>> models = new ArrayList<>(List.of(new HashMap<>()));
        for (int i = 0; i < ops.size(); i++) {
            int key = keys.isEmpty() ? i : keys.get(i % keys.size());
            int which = (i * 31 + key) % maps.size();
            CowMap<Integer, String> map = maps.get(which);
            Map<Integer, String> model = models.get(which);
            switch (ops.get(i)) {
                case 0, 1, 2 ->
                        assertThat(map.put(key, "v" + i)).isEqualTo(model.put(key, "v" + i));
                case 3 -> assertThat(map.remove(key)).isEqualTo(model.remove(key));
                case 4 ->
                        assertThat(map.putIfAbsent(key, "p" + i))
                                .isEqualTo(model.putIfAbsent(key, "p" + i));
                case 5 -> {
                    maps.add(map.copy());
                    models.add(new HashMap<>(model));
                }
                case 6 ->
                        assertThat(map.getOrDefault(key, "none"))
                                .isEqualTo(model.getOrDefault(key, "none"));
                default -> assertThat(map.containsKey(key)).isEqualTo(model.containsKey(key));
            }
        }
        for (int i = 0; i < maps.size(); i++) {
            assertThat(maps.get(i)).hasSize(models.get(i).size()).isEqualTo(models.get(i));
            assertThat(new HashMap<>(maps.get(i))).isEqualTo(models.get(i));
        }
    }
}
