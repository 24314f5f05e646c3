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
 * Slows password guessing without letting anyone lock an account out. Failed attempts are counted
 * in a sliding window, in memory, under three keys:
 *
 * <ul>
 *   <li>per (username, client address): that address may try that account {@code perPair} times;
 *   <li>per client address: it may fail {@code perAddress} times, over all accounts;
 *   <li>per username, over all addresses: after {@code perUsername} failures the account is in
 *       backoff, and an attempt is refused until a while after its last failure (1 s, doubling, at
 *       most {@code maxBackoff}). Refused attempts are not counted, so they do not lengthen it.
 * </ul>
 *
 * <p>So an attacker with many addresses gets one guess per {@code maxBackoff} at an account, and
 * its owner, from a new address, gets in at most {@code maxBackoff} after the attacker's last
 * failure. A blocked attempt is refused before the password is checked, and the answer is the same
 * whether the username exists or not. Thread-safe.
 *
 * <p>Each process keeps its own counts: with several processes behind a load balancer an attacker
 * gets the limits once per process.
 */
public final class LoginThrottle {
    /** Keys kept at most; beyond it the oldest are forgotten, so memory stays bounded. */
    static final int MAX_KEYS = 100_000;

    private final int perPair;
    private final int perAddress;
    private final int perUsername;
    private final Duration maxBackoff;
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
     * @param perPair failures allowed per (username, address) within {@code window}
     * @param perAddress failures allowed per client address within {@code window}
     * @param perUsername failures per username, from any address, before its backoff starts
     * @param maxBackoff the longest wait the backoff imposes after a username's last failure
     */
    public LoginThrottle(
            int perPair,
            int perAddress,
            int perUsername,
            Duration maxBackoff,
            Duration window,
            Clock clock) {
        if (perPair < 1 || perAddress < 1 || perUsername < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        this.perPair = perPair;
        this.perAddress = perAddress;
        this.perUsername = perUsername;
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A limit per address alone (sign-ups): {@code perAddress} attempts within {@code window}. */
    public static LoginThrottle perAddress(int perAddress, Duration window, Clock clock) {
        return new LoginThrottle(
                Integer.MAX_VALUE, perAddress, Integer.MAX_VALUE, Duration.ZERO, window, clock);
    }

    /**
     * The default: 5 failures per (username, address) and 20 per address in 15 minutes; after 5
     * failures of a username from anywhere, a backoff of at most 10 seconds.
     */
    public static LoginThrottle defaults(Clock clock) {
        return new LoginThrottle(5, 20, 5, Duration.ofSeconds(10), Duration.ofMinutes(15), clock);
    }

    /** The window failures are counted in. */
    public Duration window() {
        return window;
    }

    /**
     * How long this attempt must wait: zero when it may go ahead; the rest of the window when the
     * address, or the address for this username, has used up its failures; else what is left of the
     * username's backoff.
     */
    public synchronized Duration wait(String username, String address) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        if (count(pairKey(username, address), since) >= perPair
                || count(addressKey(address), since) >= perAddress) {
            return window;
        }
        String user = userKey(username);
        int n = count(user, since);
        if (n < perUsername) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(n - perUsername, 20);
        Duration backoff = Duration.ofSeconds(seconds);
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        Duration left = Duration.between(now, failures.get(user).peekLast().plus(backoff));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** True when this attempt must not be checked now ({@link #wait} is not zero). */
    public boolean blocked(String username, String address) {
        return !wait(username, address).isZero();
    }

    /** Records a failed attempt. */
    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key :
                new String[] {pairKey(username, address), addressKey(address), userKey(username)}) {
            failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
        }
    }

    /**
     * Forgets this address's failures at the username after a successful login; the address and the
     * username keep their counts, so that a success does not reset an attacker's limits.
     */
    public synchronized void succeeded(String username, String address) {
        failures.remove(pairKey(username, address));
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

    private static String user(String username) {
        String u = username == null ? "" : username;
        return u.length() > 64 ? u.substring(0, 64) : u;
    }

    private static String userKey(String username) {
        return "u:" + user(username);
    }

    private static String pairKey(String username, String address) {
        return "p:" + (address == null ? "" : address) + " " + user(username);
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }
}
