package dev.draehi.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lines of a deployment's {@code build_log}, each stamped with the time. Every line passes
 * through a scrubber that masks the repository's secret, so a token a git library put into an error
 * message never reaches storage or a listener.
 */
public final class BuildLog {
    private final Clock clock;
    private final Consumer<String> listener;
    private final String secret;
    private final List<String> lines = new ArrayList<>();

    public BuildLog(Clock clock, Consumer<String> listener, String secret) {
        this.clock = clock;
        this.listener = listener;
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    /** Appends a line. */
    public synchronized void add(String line) {
        String clean = scrub(line);
        lines.add(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS) + " " + clean);
        listener.accept(clean);
    }

    /** The text with the secret masked. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = dev.draehi.model.Redaction.url(text);
        return secret == null ? out : out.replace(secret, "***");
    }

    /** The lines so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
