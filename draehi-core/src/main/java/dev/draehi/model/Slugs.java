package dev.draehi.model;

import dev.draehi.ValidationException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The one slug rule draehi uses for workspaces and page paths: NFC-normalise, lower-case, keep
 * unicode letters and digits, turn every other run of characters into a single {@code -}, trim
 * {@code -} from both ends. {@code "Hello, Wörld!"} → {@code "hello-wörld"}.
 */
public final class Slugs {
    /**
     * Names the site itself uses at the root of every URL space; no workspace may take them. Only
     * those made of slug characters can ever come out of {@link #slugify}; the others are listed so
     * that {@link #requireValidWorkspaceSlug} rejects them from any source.
     */
    public static final Set<String> RESERVED_WORKSPACE_SLUGS =
            Set.of(
                    "-",
                    "api",
                    "static",
                    "assets",
                    "admin",
                    "dashboard",
                    "login",
                    "logout",
                    "signup",
                    "health",
                    "webhooks",
                    "sitemap.xml",
                    "robots.txt",
                    "favicon.ico",
                    "index.html",
                    "feed.xml");

    private Slugs() {}

    /** Applies the slug rule; the result may be empty (for {@code "!!!"}). */
    public static String slugify(String text) {
        String normalized =
                Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(normalized.length());
        boolean pendingDash = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (pendingDash && out.length() > 0) {
                    out.append('-');
                }
                pendingDash = false;
                out.appendCodePoint(cp);
            } else {
                pendingDash = true;
            }
        }
        return out.toString();
    }

    /**
     * The slug a new workspace named {@code name} asks for: the slug rule, {@code "workspace"} when
     * that is empty, and {@code "-site"} appended to a reserved word. Uniqueness is the storage's
     * job: it appends {@code -2}, {@code -3}, … on collision.
     */
    public static String workspaceSlug(String name) {
        String slug = slugify(name);
        if (slug.isEmpty()) {
            return "workspace";
        }
        return RESERVED_WORKSPACE_SLUGS.contains(slug) ? slug + "-site" : slug;
    }

    /** True when {@code slug} is non-empty, already in slug form, and not reserved. */
    public static boolean isValidWorkspaceSlug(String slug) {
        return !slug.isEmpty()
                && slug.equals(slugify(slug))
                && !RESERVED_WORKSPACE_SLUGS.contains(slug);
    }

    /** Throws {@link ValidationException} unless {@link #isValidWorkspaceSlug} holds. */
    public static void requireValidWorkspaceSlug(String slug) {
        if (!isValidWorkspaceSlug(slug)) {
            throw new ValidationException(
                    "invalid workspace slug '"
                            + slug
                            + "': use lower-case letters, digits and single '-', not a reserved"
                            + " name "
                            + RESERVED_WORKSPACE_SLUGS);
        }
    }
}
