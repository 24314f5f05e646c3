package dev.draehi.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a sync tells that it reached one of its phases: a hook for tests that stop a sync at a
 * named moment (and then kill its process), so that what a crash there leaves behind can be checked
 * without guessing a delay. {@link #NONE} does nothing, and is what a sync uses unless told
 * otherwise.
 *
 * <pre>{@code
 * // stop every sync at its commit, forever, after writing /tmp/paused
 * Publisher.builder().pausePoint(PausePoint.at(Phase.COMMIT, Path.of("/tmp/paused")))...
 * }</pre>
 *
 * <p>The command line reads {@link #fromEnvironment}: {@code DRAEHI_PAUSE_AT=<phase>} (a phase
 * name, lower case) and {@code DRAEHI_PAUSE_FILE=<path>}.
 */
@FunctionalInterface
public interface PausePoint {

    /** The moments of a sync, in order. */
    enum Phase {
        /** The source is about to fetch from its remote. */
        FETCH,
        /** The checkout's working tree has been written but not yet marked as whole. */
        CHECKOUT,
        /** The checkout is whole; its files are about to be parsed. */
        PARSE,
        /** The first pages are being rendered, inside the storing transaction. */
        RENDER,
        /** Every page and asset has been written, not yet committed. */
        STORE,
        /** The new content has just been committed. */
        COMMIT,
        /** A static export has been written beside the old one, not yet swapped in. */
        EXPORT;

        /** The name as the environment gives it: lower case. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The phase named {@code label}, in any case. */
        public static Phase of(String label) {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Does nothing. */
    PausePoint NONE = (phase, workspaceId) -> {};

    /** Called when a sync of {@code workspaceId} reaches {@code phase}; may block. */
    void reached(Phase phase, long workspaceId);

    /**
     * Blocks the calling thread for good at {@code phase}, after writing the phase's name into
     * {@code file}: the process is meant to be killed then.
     */
    static PausePoint at(Phase phase, Path file) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(file, "file");
        return (reached, workspaceId) -> {
            if (reached != phase) {
                return;
            }
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, phase.label() + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // not given up: only a kill ends the wait
                }
            }
        };
    }

    /** {@link #at} as the process environment asks, or {@link #NONE} when it does not. */
    static PausePoint fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * {@link #at} the phase of {@code DRAEHI_PAUSE_AT}, writing {@code DRAEHI_PAUSE_FILE} (default
     * {@code draehi-paused} in the working directory); {@link #NONE} when {@code DRAEHI_PAUSE_AT}
     * is unset or empty.
     *
     * @throws IllegalArgumentException when {@code DRAEHI_PAUSE_AT} names no phase
     */
    static PausePoint fromEnvironment(Map<String, String> env) {
        String at = env.get("DRAEHI_PAUSE_AT");
        if (at == null || at.isBlank()) {
            return NONE;
        }
        String file = env.getOrDefault("DRAEHI_PAUSE_FILE", "draehi-paused");
        return at(Phase.of(at), Path.of(file).toAbsolutePath());
    }
}
