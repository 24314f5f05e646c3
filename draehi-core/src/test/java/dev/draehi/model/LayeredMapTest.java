package dev.draehi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A layered map is the map its changes describe, whatever their order, and an earlier version never
 * sees a later one's changes.
 */
class LayeredMapTest {
    @Test
    void everyVersionIsTheMapItsChangesDescribe() {
        for (long seed = 1; seed <= 30; seed++) {
            Random rnd = new Random(seed);
            Map<String, Integer> model = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                model.put("k" + i, i);
            }
            LayeredMap<String, Integer> map = LayeredMap.of(model);
            List<LayeredMap<String, Integer>> versions = new ArrayList<>();
            List<Map<String, Integer>> models = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                Map<String, Integer> put = new HashMap<>();
                Set<String> removed = new HashSet<>();
                for (int c = rnd.nextInt(12); c >= 0; c--) {
                    String k = "k" + rnd.nextInt(260); // some keys the base never had
                    if (rnd.nextInt(3) == 0) {
                        removed.add(k);
                        put.remove(k);
                    } else {
                        put.put(k, rnd.nextInt(5) == 0 ? model.getOrDefault(k, -1) : rnd.nextInt());
                        removed.remove(k);
                    }
                }
                map = map.with(put, removed);
                removed.forEach(model::remove);
                model.putAll(put);
                versions.add(map);
                models.add(Map.copyOf(model));
                assertThat(map).as("seed %d step %d", seed, step).isEqualTo(model);
                assertThat(map.size()).isEqualTo(model.size());
                assertThat(new HashMap<>(map)).isEqualTo(model);
                for (int k = 0; k < 260; k++) {
                    assertThat(map.get("k" + k)).isEqualTo(model.get("k" + k));
                    assertThat(map.containsKey("k" + k)).isEqualTo(model.containsKey("k" + k));
                }
            }
            for (int v = 0; v < versions.size(); v++) {
                assertThat(versions.get(v)).isEqualTo(models.get(v));
            }
        }
    }

    @Test
    void aMapIsSharedAsABaseOnlyWhenItIsLayeredAlready() {
        Map<String, Integer> plain = new HashMap<>(Map.of("a", 1));
        LayeredMap<String, Integer> layered = LayeredMap.of(plain);
        plain.put("b", 2);
        assertThat(layered).isEqualTo(Map.of("a", 1));
        assertThat(LayeredMap.of(layered)).isSameAs(layered);
        assertThatThrownBy(() -> layered.put("c", 3))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> layered.entrySet().iterator().next().setValue(5))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aGraphTakesItsFileTimesFromAnEarlierGraphsWithTheChanges() {
        Graph g = new Graph("0".repeat(40), GraphConfig.DEFAULTS, List.of(), Map.of(), List.of());
        Instant t1 = Instant.parse("2024-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2024-02-01T00:00:00Z");
        Graph first = g.withFileTimes(Map.of("pages/a.md", t1, "pages/b.md", t1));
        Graph next =
                g.withFileTimes(
                        first.fileTimes(),
                        Map.of("pages/b.md", t2, "pages/c.md", t2),
                        Set.of("pages/a.md"));
        assertThat(next.fileTimes()).isEqualTo(Map.of("pages/b.md", t2, "pages/c.md", t2));
        assertThat(first.fileTimes()).isEqualTo(Map.of("pages/a.md", t1, "pages/b.md", t1));
    }
}
