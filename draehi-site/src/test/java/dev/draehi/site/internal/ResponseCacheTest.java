package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {
    private static ResponseCache<String, String> cache(long maxWeight) {
        return new ResponseCache<>(maxWeight, String::length);
    }

    @Test
    void aValueReadSinceTheLastSweepOutlivesOneThatWasNot() {
        ResponseCache<String, String> c = cache(80); // eight values of 10
        for (String k : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            c.put(k, k.repeat(10));
        }
        assertThat(c.get("a")).isEqualTo("aaaaaaaaaa");
        c.put("i", "iiiiiiiiii");
        // b, the oldest of those not read, went; a was read and stays
        assertThat(c.get("b")).isNull();
        for (String k : List.of("a", "c", "d", "e", "f", "g", "h", "i")) {
            assertThat(c.get(k)).as(k).isNotNull();
        }
        assertThat(c.size()).isEqualTo(8);
    }

    @Test
    void theWeightStaysWithinTheBoundAndAValueTooHeavyIsNotKept() {
        ResponseCache<String, String> c = cache(80);
        c.put("big", "x".repeat(11)); // over an eighth of 80
        assertThat(c.get("big")).isNull();
        for (int i = 0; i < 100; i++) {
            c.put("k" + i, "0123456789");
            c.get("k" + (i / 2)); // some read, some not
        }
        assertThat(c.size()).isEqualTo(8);
        assertThat(c.get("k99")).isEqualTo("0123456789");
    }

    @Test
    void aReplacedValueIsCountedOnce() {
        ResponseCache<String, String> c = cache(80);
        for (int i = 0; i < 10; i++) {
            c.put("same", i + "123456789");
        }
        for (int i = 0; i < 7; i++) {
            c.put("k" + i, "0123456789");
        }
        // 80 in all: nothing had to go
        assertThat(c.size()).isEqualTo(8);
        assertThat(c.get("same")).isEqualTo("9123456789");
    }

    @Test
    void readsAndWritesFromManyThreadsKeepItWithinTheBound() throws Exception {
        ResponseCache<String, String> c = cache(1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                done.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < 20_000; i++) {
                                        String k = "k" + ((i * 31 + seed) % 500);
                                        if (c.get(k) == null) {
                                            c.put(k, "0123456789");
                                        }
                                    }
                                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.size()).isBetween(1, 100);
    }
}
