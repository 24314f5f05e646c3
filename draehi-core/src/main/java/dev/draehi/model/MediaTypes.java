package dev.draehi.model;

import java.util.Locale;

/** Media types of the files a graph publishes and the site serves, by extension. */
public final class MediaTypes {
    private MediaTypes() {}

    /** The media type of {@code path}; {@code application/octet-stream} when unknown. */
    public static String of(String path) {
        String n = path.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "avif" -> "image/avif";
            case "svg" -> "image/svg+xml";
            case "ico" -> "image/x-icon";
            case "pdf" -> "application/pdf";
            case "mp4" -> "video/mp4";
            case "webm" -> "video/webm";
            case "mp3" -> "audio/mpeg";
            case "ogg" -> "audio/ogg";
            case "wav" -> "audio/wav";
            case "txt", "md" -> "text/plain; charset=utf-8";
            case "json" -> "application/json";
            case "woff2" -> "font/woff2";
            case "edn" -> "application/edn";
            default -> "application/octet-stream";
        };
    }
}
