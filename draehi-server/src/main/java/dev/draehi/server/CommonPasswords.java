package dev.draehi.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The passwords an attacker tries first: about 20,000 of at least {@link
 * Accounts#MIN_PASSWORD_LENGTH} characters from the 50,000 most common of a public list of leaked
 * passwords ({@code common-passwords.txt}, which says where it comes from). Compared in lower case,
 * so {@code Password1} is as common as {@code password1}. Read once, when first asked.
 */
final class CommonPasswords {
    private CommonPasswords() {}

    private static final class Holder {
        static final Set<String> ALL = load();
    }

    /** True when the password, in lower case, is on the list. */
    static boolean contains(String password) {
        return Holder.ALL.contains(password.toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds. */
    static int size() {
        return Holder.ALL.size();
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>(32_768);
        try (InputStream in = CommonPasswords.class.getResourceAsStream("common-passwords.txt");
                BufferedReader r =
                        new BufferedReader(
                                new InputStreamReader(
                                        Objects.requireNonNull(
                                                in, "common-passwords.txt is missing"),
                                        StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read common-passwords.txt", e);
        }
        return Set.copyOf(out);
    }
}
