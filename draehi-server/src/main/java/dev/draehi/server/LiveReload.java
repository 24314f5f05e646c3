package dev.draehi.server;

import dev.draehi.server.internal.LiveStreams;

/**
 * Live preview: the open pages of a server reload when the graph changes. A server built with
 * {@link DraehiServer.Builder#liveReload} adds a few lines of script to every HTML page, which
 * listen on {@value #EVENTS_PATH} (server-sent events); {@link #reload()} tells them all to reload.
 * Meant for a writer previewing their own graph ({@code draehi serve DIR --watch}), not for a
 * public site: its pages are sent uncompressed and uncached.
 *
 * <pre>{@code
 * LiveReload live = new LiveReload();
 * DraehiServer server = DraehiServer.builder(site).liveReload(live).build().start();
 * // after each sync of the changed files:
 * site.refresh();
 * live.reload();
 * }</pre>
 */
public final class LiveReload implements AutoCloseable {
    /** The event stream the pages listen on. */
    public static final String EVENTS_PATH = LiveStreams.EVENTS_PATH;

    /** The script added to every page. */
    public static final String SCRIPT_PATH = LiveStreams.SCRIPT_PATH;

    private final LiveStreams streams = new LiveStreams();

    /** Live reload with no page listening yet. */
    public LiveReload() {}

    /** Tells every open page to reload. */
    public void reload() {
        streams.reload();
    }

    /** The number of pages listening. */
    public int listeners() {
        return streams.listeners();
    }

    /** Ends every page's event stream. */
    @Override
    public void close() {
        streams.close();
    }

    LiveStreams streams() {
        return streams;
    }
}
