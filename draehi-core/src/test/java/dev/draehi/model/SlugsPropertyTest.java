package dev.draehi.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.internal.SitePaths;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The slug rule, page identity and page paths on hostile names: case and normalisation tricks
 * (Turkish İ, final sigma, Kelvin sign, Hangul jamo, combining marks), emoji, lone surrogates, NUL,
 * dots and slashes.
 *
 * <p>Tries default to 1000 (a few seconds). A fuzz campaign runs every property test of the library
 * with many more, e.g.:
 *
 * <pre>
 * mvn -o -pl draehi-core,draehi-sync,draehi-render test -Dtest='*PropertyTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=100000
 * </pre>
 */
class SlugsPropertyTest {

    /** Names as people (and attackers) write them. */
    @Provide
    static Arbitrary<String> names() {
        Arbitrary<String> piece =
                Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.strings().alpha().numeric().ofMaxLength(6)),
                        Tuple.of(
                                4,
                                Arbitraries.of(
                                        " ", "-", "--", "_", ".", "..", "/", "//", "\\", "%2e",
                                        "%2F", "\t", "\n", "\r", "\0", "?", "#", ":", "&", "'",
                                        "\"", "<", ">", "[[", "]]", "(", ")", "+", "~", "!")),
                        Tuple.of(
                                4,
                                Arbitraries.of(
                                        "İ", "ı", "ß", "ẞ", "Σ", "ΑΣ", "σ", "ς", "K", "Ω", "Å", "ǅ",
                                        "ﬁ", "é", "é", "e\u0301", "\u0301", "\u0307", "\u1100",
                                        "\u1161", "\u11a8", "한", "日本語", "ك", "١٢", "٣", "\u0660",
                                        "²", "½", "Ⅻ", "ⅻ", "😀", "𝔄", "𐐀", "\ud800", "\udc00",
                                        "\ufeff", "\u200b", "\u00a0", "\u2028", "\u202e", "\ufffd",
                                        "\uffff")),
                        Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property
    void slugsUseOnlyLettersDigitsAndSingleInnerDashes(@ForAll("names") String name) {
        String slug = Slugs.slugify(name);
        slug.codePoints()
                .forEach(
                        cp ->
                                assertThat(cp == '-' || Character.isLetterOrDigit(cp))
                                        .as("U+%04X in %s", cp, slug)
                                        .isTrue());
        assertThat(slug).doesNotStartWith("-").doesNotEndWith("-").doesNotContain("--");
        assertThat(slug).doesNotContain("/", ".", "\0");
        assertThat(slug.toLowerCase(Locale.ROOT)).isEqualTo(slug);
    }

    @Property
    void slugifyIsIdempotent(@ForAll("names") String name) {
        String slug = Slugs.slugify(name);
        assertThat(Slugs.slugify(slug)).as("slug of %s", name).isEqualTo(slug);
    }

    /** Documented: the slug may be empty, exactly when nothing in the name is a letter or digit. */
    @Property
    void slugIsEmptyOnlyWithoutLettersOrDigits(@ForAll("names") String name) {
        boolean hasLetterOrDigit = name.codePoints().anyMatch(Character::isLetterOrDigit);
        assertThat(Slugs.slugify(name).isEmpty())
                .as("slug of %s", name)
                .isEqualTo(!hasLetterOrDigit);
    }

    @Property
    void workspaceSlugsAreNeverEmptyAndAlwaysValid(@ForAll("names") String name) {
        String slug = Slugs.workspaceSlug(name);
        assertThat(slug).isNotEmpty();
        assertThat(Slugs.isValidWorkspaceSlug(slug)).as("slug %s of %s", slug, name).isTrue();
        assertThat(Slugs.RESERVED_WORKSPACE_SLUGS).doesNotContain(slug);
    }

    @Property
    void pagePathsHaveOnlyCleanSegments(@ForAll("names") String name, @ForAll boolean journal) {
        String path = SitePaths.naturalPath(name, journal);
        assertThat(path).isNotEmpty().doesNotStartWith("/").doesNotEndWith("/");
        for (String segment : path.split("/", -1)) {
            assertThat(segment)
                    .as("segment of %s for %s", path, name)
                    .isNotEmpty()
                    .isNotIn(".", "..", "-")
                    .doesNotStartWith("-")
                    .doesNotEndWith("-")
                    .doesNotContain("\\", "\0", "%", "?", "#");
            assertThat(Slugs.slugify(segment)).isEqualTo(segment);
        }
        assertThat(SitePaths.naturalPath(name, journal)).isEqualTo(path);
    }

    @Property
    void identityIgnoresCaseFormAndSurroundingSpace(@ForAll("names") String name) {
        String id = PageNames.identity(name);
        assertThat(PageNames.identity(PageNames.normalize(name))).isEqualTo(id);
        assertThat(PageNames.identity(" " + name + "\t")).isEqualTo(id);
        assertThat(id.toLowerCase(Locale.ROOT)).isEqualTo(id);
    }

    /** Walking up a namespace always ends: each parent is a strictly shorter prefix. */
    @Property
    void namespaceParentsShrinkAndEnd(@ForAll("names") String name) {
        String n = name;
        int steps = 0;
        for (String parent = PageNames.namespaceParent(n);
                parent != null;
                parent = PageNames.namespaceParent(n)) {
            assertThat(PageNames.isNamespaced(n)).isTrue();
            assertThat(n).startsWith(parent + "/");
            n = parent;
            steps++;
            assertThat(steps).isLessThanOrEqualTo(name.length());
        }
    }
}
