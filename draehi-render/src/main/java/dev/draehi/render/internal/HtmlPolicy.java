package dev.draehi.render.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.renderer.html.UrlSanitizer;
import org.owasp.html.Handler;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * The one allow-list every block's final HTML passes through: exactly the markup draehi emits plus
 * the plain formatting a note may contain. No script, no event handler, no style, no form; URLs
 * only http, https, mailto or relative; frames only to the video players draehi embeds.
 */
public final class HtmlPolicy {
    private static final Pattern CLASS = Pattern.compile("[A-Za-z0-9 _-]{0,200}");
    private static final Pattern TEXT_ATTR = Pattern.compile("[^<>]{0,1000}", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,5}");
    private static final Pattern UUID_ATTR = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Pattern FOOTNOTE_ID = Pattern.compile("fn(ref)?-[A-Za-z0-9_-]{1,100}");
    private static final Pattern PLAYER =
            Pattern.compile(
                    "https://(www\\.youtube-nocookie\\.com/embed/[A-Za-z0-9_-]{11}"
                            + "|player\\.vimeo\\.com/video/[0-9]{1,12}"
                            + "|player\\.bilibili\\.com/player\\.html\\?bvid=BV[0-9A-Za-z]{1,20}"
                            + "(&|&amp;)autoplay=0)");

    /** The elements a block's HTML may hold; any other is dropped. */
    private static final Set<String> ELEMENTS =
            Set.of(
                    "p",
                    "br",
                    "hr",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "em",
                    "strong",
                    "b",
                    "i",
                    "u",
                    "s",
                    "del",
                    "ins",
                    "code",
                    "pre",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "a",
                    "img",
                    "table",
                    "thead",
                    "tbody",
                    "tfoot",
                    "tr",
                    "th",
                    "td",
                    "caption",
                    "span",
                    "div",
                    "mark",
                    "dl",
                    "dt",
                    "dd",
                    "details",
                    "summary",
                    "time",
                    "iframe",
                    "video",
                    "sup",
                    "sub",
                    "kbd",
                    "section",
                    "abbr",
                    "small",
                    "cite",
                    "q",
                    "figure",
                    "figcaption");

    /** The anchor of footnote {@code label}, {@code fn-label}, or null when no id may carry it. */
    public static String footnoteId(String label) {
        String id = "fn-" + label;
        return FOOTNOTE_ID.matcher(id).matches() ? id : null;
    }

    /** True when raw HTML may hold the element {@code name} (lower case). */
    public static boolean isElement(String name) {
        return ELEMENTS.contains(name);
    }

    public static final PolicyFactory POLICY =
            new HtmlPolicyBuilder()
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowElements(ELEMENTS.toArray(String[]::new))
                    .allowAttributes("class")
                    .matching(CLASS)
                    .globally()
                    .allowAttributes("title")
                    .matching(TEXT_ATTR)
                    .globally()
                    .allowAttributes("href")
                    .onElements("a")
                    .allowAttributes("aria-label")
                    .matching(TEXT_ATTR)
                    .onElements("a")
                    .allowAttributes("data-footnote-ref", "data-footnote-backref")
                    .onElements("a")
                    .allowAttributes("data-footnotes")
                    .onElements("section")
                    .allowAttributes("id")
                    .matching(FOOTNOTE_ID)
                    .onElements("li", "a", "sup", "div")
                    .allowAttributes("data-page", "data-tag")
                    .matching(TEXT_ATTR)
                    .onElements("a", "span", "div")
                    .allowAttributes("data-block-uuid")
                    .matching(UUID_ATTR)
                    .onElements("a", "span", "div", "li")
                    .allowAttributes("data-macro")
                    .matching(TEXT_ATTR)
                    .onElements("span", "div")
                    .allowAttributes("data-seconds")
                    .matching(NUMBER)
                    .onElements("span")
                    .allowAttributes("src")
                    .onElements("img", "video")
                    .allowAttributes("alt")
                    .matching(TEXT_ATTR)
                    .onElements("img")
                    .allowAttributes("height", "width")
                    .matching(NUMBER)
                    .onElements("img", "video")
                    .allowAttributes("loading")
                    .matching(Pattern.compile("lazy|eager"))
                    .onElements("img", "iframe")
                    .allowAttributes("controls")
                    .matching(Pattern.compile("controls"))
                    .onElements("video")
                    .allowAttributes("preload")
                    .matching(Pattern.compile("none|metadata"))
                    .onElements("video")
                    .allowAttributes("align")
                    .matching(Pattern.compile("left|right|center"))
                    .onElements("th", "td")
                    .allowAttributes("start")
                    .matching(NUMBER)
                    .onElements("ol")
                    .allowAttributes("datetime")
                    .matching(Pattern.compile("[0-9T:+-]{4,30}"))
                    .onElements("time")
                    .allowAttributes("src")
                    .matching(PLAYER)
                    .onElements("iframe")
                    .allowAttributes("sandbox")
                    .matching(
                            Pattern.compile(
                                    "allow-scripts allow-same-origin allow-presentation"
                                            + " allow-popups"))
                    .onElements("iframe")
                    .allowAttributes("allow")
                    .matching(Pattern.compile("[a-z; -]{0,100}"))
                    .onElements("iframe")
                    .allowAttributes("allowfullscreen")
                    .matching(Pattern.compile("true|allowfullscreen|"))
                    .onElements("iframe")
                    .allowAttributes("frameborder")
                    .matching(NUMBER)
                    .onElements("iframe")
                    .disallowWithoutAttributes("iframe", "video")
                    .toFactory();

    private HtmlPolicy() {}

    /**
     * A policy instance per thread, writing into a reused buffer: building the policy per call
     * (what {@code PolicyFactory.sanitize} does) costs more than sanitizing a block.
     */
    private static final ThreadLocal<Reusable> REUSABLE = ThreadLocal.withInitial(Reusable::new);

    private static final class Reusable {
        final StringBuilder out = new StringBuilder(1024);
        final HtmlSanitizer.Policy policy =
                POLICY.apply(HtmlStreamRenderer.create(out, Handler.DO_NOTHING));
    }

    /**
     * Sanitizes one block's HTML. The result is a fixpoint: sanitizing it again changes nothing.
     * The sanitizer lets text stand directly inside a {@code <table>} when a dropped element
     * wrapped it (raw {@code <table><form>text}), and moves it out of the table when it meets it
     * bare; a table therefore gets a second pass, so that the page, its search text and a re-render
     * agree.
     */
    public static String sanitize(String html) {
        String once = sanitizeOnce(html);
        return once.contains("<table") ? sanitizeOnce(once) : once;
    }

    private static String sanitizeOnce(String html) {
        Reusable r = REUSABLE.get();
        r.out.setLength(0);
        try {
            HtmlSanitizer.sanitize(html, r.policy);
        } catch (RuntimeException e) {
            REUSABLE.remove();
            return POLICY.sanitize(html);
        }
        String result = r.out.toString();
        if (r.out.capacity() > 1 << 20) {
            REUSABLE.remove();
        }
        return result;
    }

    /** True for a URL draehi may emit: http, https, mailto, or relative (no scheme). */
    public static boolean isSafeUrl(String url) {
        if (url == null) {
            return false;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < url.length() && sb.length() < 32; i++) {
            char c = url.charAt(i);
            if (c > ' ' && c != 0x7f) {
                sb.append(c);
            }
        }
        String s = sb.toString().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        if (colon < 0) {
            return true;
        }
        int cut = s.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int idx = s.indexOf(stop);
            if (idx >= 0) {
                cut = Math.min(cut, idx);
            }
        }
        if (colon > cut) {
            return true;
        }
        String scheme = s.substring(0, colon);
        return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto");
    }

    /** The commonmark URL sanitizer: unsafe URLs become empty. */
    public static final UrlSanitizer URLS =
            new UrlSanitizer() {
                @Override
                public String sanitizeLinkUrl(String url) {
                    return isSafeUrl(url) ? url : "";
                }

                @Override
                public String sanitizeImageUrl(String url) {
                    return isSafeUrl(url) ? url : "";
                }
            };
}
