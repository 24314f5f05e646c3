package dev.draehi.render.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Video hosts and timestamps for the built-in macros. */
public final class Macros {
    private static final Pattern YOUTUBE =
            Pattern.compile(
                    "^(?:https?://)?(?:www\\.|m\\.)?(?:youtu\\.be/|youtube(?:-nocookie)?\\.com/"
                            + "(?:watch\\?(?:[^#]*&)?v=|embed/|shorts/|v/|live/))"
                            + "([A-Za-z0-9_-]{11})(?:[?&#].*)?$");
    private static final Pattern YOUTUBE_ID = Pattern.compile("^[A-Za-z0-9_-]{11}$");
    private static final Pattern VIMEO =
            Pattern.compile(
                    "^(?:https?://)?(?:www\\.|player\\.)?vimeo\\.com/(?:video/)?(\\d{1,12})(?:[/?#].*)?$");
    private static final Pattern BILIBILI =
            Pattern.compile(
                    "^(?:https?://)?(?:www\\.)?bilibili\\.com/video/(BV[0-9A-Za-z]{1,20})(?:[/?#].*)?$");
    private static final Pattern VIDEO_FILE =
            Pattern.compile(
                    "^https?://[^\\s\"'<>]+\\.(?:mp4|webm|ogv|ogg|mov|m4v)(?:[?#][^\\s\"'<>]*)?$",
                    Pattern.CASE_INSENSITIVE);

    /** The hosts whose players may be framed. */
    public static final String[] PLAYER_PREFIXES = {
        "https://www.youtube-nocookie.com/embed/",
        "https://player.vimeo.com/video/",
        "https://player.bilibili.com/player.html?"
    };

    private Macros() {}

    /** The player URL for a YouTube/Vimeo/Bilibili link or id, or {@code null}. */
    public static String playerUrl(String arg) {
        String a = arg.strip();
        Matcher m = YOUTUBE.matcher(a);
        if (m.matches()) {
            return PLAYER_PREFIXES[0] + m.group(1);
        }
        if (YOUTUBE_ID.matcher(a).matches()) {
            return PLAYER_PREFIXES[0] + a;
        }
        m = VIMEO.matcher(a);
        if (m.matches()) {
            return PLAYER_PREFIXES[1] + m.group(1);
        }
        m = BILIBILI.matcher(a);
        if (m.matches()) {
            return PLAYER_PREFIXES[2] + "bvid=" + m.group(1) + "&autoplay=0";
        }
        return null;
    }

    /** A direct http(s) link to a video file, or {@code null}. */
    public static String videoFileUrl(String arg) {
        String a = arg.strip();
        return VIDEO_FILE.matcher(a).matches() ? a : null;
    }

    /** True for a URL {@link #playerUrl} makes. */
    public static boolean isPlayerUrl(String url) {
        for (String p : PLAYER_PREFIXES) {
            if (url.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Seconds from {@code 90}, {@code 1:30} or {@code 1:02:03}; 0 when unreadable. */
    public static int seconds(String arg) {
        String a = arg.strip();
        if (!a.matches("\\d{1,7}(:\\d{1,2}){0,2}")) {
            return 0;
        }
        int total = 0;
        for (String part : a.split(":")) {
            total = total * 60 + Integer.parseInt(part);
        }
        return total;
    }

    /** {@code 90} → {@code 01:30}; hours when needed. */
    public static String formatSeconds(int s) {
        int h = s / 3600;
        int m = (s % 3600) / 60;
        int sec = s % 60;
        return h > 0
                ? String.format("%d:%02d:%02d", h, m, sec)
                : String.format("%02d:%02d", m, sec);
    }

    /**
     * A cloze's answer and cue, as Logseq's {@code cloze-parse} splits them: the argument text at
     * the last {@code \\} (two backslashes), the cue trimmed, the answer right-trimmed; the cue is
     * {@code null} when there is no separator.
     */
    public static String[] cloze(String arg) {
        int at = arg.lastIndexOf("\\\\");
        if (at < 0) {
            return new String[] {arg, null};
        }
        return new String[] {arg.substring(0, at).stripTrailing(), arg.substring(at + 2).strip()};
    }
}
