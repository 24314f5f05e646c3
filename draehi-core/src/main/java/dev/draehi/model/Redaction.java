package dev.draehi.model;

import java.util.regex.Pattern;

/** Masks credentials in URLs before they reach a log line, a message or {@code toString()}. */
public final class Redaction {
    private static final Pattern USER_INFO =
            Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s]*)@");
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)([?&](?:password|token|access_token|private_token)=)[^&]*");

    private Redaction() {}

    /**
     * The URL with any user-info and password or token query parameters replaced by {@code ***}:
     * {@code https://user:tok@host/r} → {@code https://***@host/r}.
     */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1***@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1***");
    }

    /**
     * One line a user can act on for {@code e}, URLs masked: draehi's own and argument errors by
     * their message, anything else with its class name in front.
     */
    public static String describe(Throwable e) {
        if (e instanceof dev.draehi.DraehiException || e instanceof IllegalArgumentException) {
            return url(String.valueOf(e.getMessage()));
        }
        return url(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
