package dev.draehi.store.jdbi;

import dev.draehi.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the two forms of PostgreSQL URL draehi accepts: a JDBC URL ({@code
 * jdbc:postgresql://host:port/db?user=…}) and the seed's {@code
 * postgresql://user:password@host:port/db?sslmode=require} (also {@code postgres://}).
 *
 * <pre>{@code
 * DatabaseUrls.Jdbc jdbc = DatabaseUrls.parse("postgresql://ada:s3cret@db.example:5432/notes");
 * jdbc.url();        // jdbc:postgresql://db.example:5432/notes
 * jdbc.describe();   // db.example:5432/notes, never the password
 * }</pre>
 */
public final class DatabaseUrls {
    private static final int DEFAULT_PORT = 5432;

    private DatabaseUrls() {}

    /**
     * A JDBC URL with its credentials apart, and where it points. {@link #toString()} masks the
     * password.
     *
     * @param url the JDBC URL; without the seed form's user and password, which are kept apart
     * @param user the user, or {@code null} when the URL (or the driver's default) says
     * @param password the password, or {@code null}
     * @param host the first host
     * @param port its port
     * @param database the database name
     */
    public record Jdbc(
            String url, String user, String password, String host, int port, String database) {
        public Jdbc {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
        }

        /** {@code host:port/database}: safe to log and to put in an error message. */
        public String describe() {
            return host + ":" + port + "/" + database;
        }

        @Override
        public String toString() {
            return "Jdbc[url="
                    + mask(url)
                    + ", user="
                    + user
                    + ", password="
                    + (password == null ? "none" : "***")
                    + "]";
        }
    }

    /**
     * Parses a JDBC URL or a seed-form URL.
     *
     * @throws ValidationException when it is neither; the message never shows a password
     */
    public static Jdbc parse(String databaseUrl) {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        String trimmed = databaseUrl.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return parseJdbc(trimmed);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return parseSeed(trimmed);
        }
        throw new ValidationException(
                "not a PostgreSQL URL: '"
                        + mask(trimmed)
                        + "'; use jdbc:postgresql://host:port/db or"
                        + " postgresql://user:password@host:port/db");
    }

    /** The URL with any password (in user-info or a {@code password=} parameter) replaced. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
        // user:password@ in the authority
        return masked.replaceAll("(//[^/@:]*):[^/@]*@", "$1:***@");
    }

    private static Jdbc parseSeed(String url) {
        URI uri = uri(url);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new ValidationException("no host in database URL '" + mask(url) + "'");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String database = database(uri.getRawPath(), url);
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        StringBuilder jdbc =
                new StringBuilder("jdbc:postgresql://")
                        .append(hostPart)
                        .append(':')
                        .append(port)
                        .append('/')
                        .append(uri.getRawPath() == null ? "" : uri.getRawPath().substring(1));
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                String key = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                // credentials travel apart from the URL, so that it can be shown
                if (key.equalsIgnoreCase("user")) {
                    user = decode(p.substring(p.indexOf('=') + 1));
                } else if (key.equalsIgnoreCase("password")) {
                    password = decode(p.substring(p.indexOf('=') + 1));
                } else if (!p.isEmpty()) {
                    params.add(p);
                }
            }
        }
        if (!params.isEmpty()) {
            jdbc.append('?').append(String.join("&", params));
        }
        return new Jdbc(jdbc.toString(), user, password, host, port, database);
    }

    private static Jdbc parseJdbc(String url) {
        String rest = url.substring("jdbc:".length());
        String user = null;
        String password = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String p : rest.substring(q + 1).split("&")) {
                int eq = p.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = p.substring(0, eq);
                if (key.equalsIgnoreCase("user")) {
                    user = decode(p.substring(eq + 1));
                } else if (key.equalsIgnoreCase("password")) {
                    password = decode(p.substring(eq + 1));
                }
            }
        }
        String host = "localhost";
        int port = DEFAULT_PORT;
        String database;
        String beforeQuery = q >= 0 ? rest.substring(0, q) : rest;
        String afterScheme = beforeQuery.substring("postgresql:".length());
        if (afterScheme.startsWith("//")) {
            String authorityAndPath = afterScheme.substring(2);
            int slash = authorityAndPath.indexOf('/');
            String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
            database = slash < 0 ? "" : decode(authorityAndPath.substring(slash + 1));
            String first = authority.split(",")[0];
            if (first.startsWith("[")) {
                int end = first.indexOf(']');
                host = first.substring(1, end);
                if (first.length() > end + 2) {
                    port = port(first.substring(end + 2), url);
                }
            } else if (!first.isEmpty()) {
                int colon = first.lastIndexOf(':');
                host = colon < 0 ? first : first.substring(0, colon);
                if (colon >= 0) {
                    port = port(first.substring(colon + 1), url);
                }
            }
        } else {
            database = decode(afterScheme);
        }
        if (database.isEmpty()) {
            database = user != null ? user : "postgres";
        }
        return new Jdbc(url, user, password, host, port, database);
    }

    private static int port(String text, String url) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ValidationException("bad port in database URL '" + mask(url) + "'");
        }
    }

    private static String database(String rawPath, String url) {
        if (rawPath == null || rawPath.length() <= 1) {
            throw new ValidationException("no database name in database URL '" + mask(url) + "'");
        }
        return decode(rawPath.substring(1));
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new ValidationException("malformed database URL '" + mask(url) + "'");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
