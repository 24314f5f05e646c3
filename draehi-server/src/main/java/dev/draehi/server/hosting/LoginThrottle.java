package dev.draehi.server.hosting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts failed logins per username and per client address in a sliding window, in memory, and says
 * when either has had too many. A blocked attempt is refused before the password is checked, and
 * the answer is the same whether the username exists or not. Thread-safe.
 *
 * <p>Each process keeps its own counts: with several processes behind a load balancer an attacker
 * gets the limit once per process, which still bounds guessing to a handful of tries a minute.
 */
public final class LoginThrottle {
    /** Keys kept at most; beyond it the oldest are forgotten, so memory stays bounded. */
    static final int MAX_KEYS = 100_000;

    private final int perUsername;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                    return size() > MAX_KEYS;
                }
            };

    /**
     * @param perUsername failures allowed per username within {@code window}
     * @param perAddress failures allowed per client address within {@code window}
     */
    public LoginThrottle(int perUsername, int perAddress, Duration window, Clock clock) {
        if (perUsername < 1 || perAddress < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        this.perUsername = perUsername;
        this.perAddress = perAddress;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The default: 5 failures per username and 20 per address in 15 minutes. */
    public static LoginThrottle defaults(Clock clock) {
        return new LoginThrottle(5, 20, Duration.ofMinutes(15), clock);
    }

    /** The window failures are counted in. */
    public Duration window() {
        return window;
    }

    /** True when the username or the address has used up its failures. */
    public synchronized boolean blocked(String username, String address) {
        Instant since = clock.instant().minus(window);
        return count(userKey(username), since) >= perUsername
                || count(addressKey(address), since) >= perAddress;
    }

    /** Records a failed attempt. */
    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        failures.computeIfAbsent(userKey(username), k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent(addressKey(address), k -> new ArrayDeque<>()).addLast(now);
    }

    /** Forgets the username's failures after a successful login; the address keeps its count. */
    public synchronized void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private int count(String key, Instant since) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        while (!d.isEmpty() && d.peekFirst().isBefore(since)) {
            d.removeFirst();
        }
        if (d.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        return d.size();
    }

    private static String userKey(String username) {
        String u = username == null ? "" : username;
        return "u:" + (u.length() > 64 ? u.substring(0, 64) : u);
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }
}
