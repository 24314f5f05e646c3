package dev.draehi.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * What a publisher keeps in memory between syncs so that the next sync of a workspace does only
 * what its commit changed: per workspace, the {@link SyncRun.Snapshot} of the last sync and the
 * size of what the graph source keeps of it, within a bound in bytes over all workspaces. The
 * workspace synced least recently goes first, the source's part with it; its next sync is a full
 * one, as after a restart. The workspace synced last keeps its state even when it alone is over a
 * bound that is not 0: the sync held all of it anyway, and a large graph would otherwise sync in
 * full on every push. Thread-safe.
 */
public final class SyncState {
    private final long maxBytes;
    private final LongConsumer forget;
    // in access order: the least recently used first
    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** A workspace's snapshot (or null while a sync holds it), and the sizes of both parts. */
    private record Entry(SyncRun.Snapshot snapshot, long snapshotBytes, long sourceBytes) {
        long bytes() {
            return snapshotBytes + sourceBytes;
        }
    }

    /**
     * @param maxBytes the bound, over every workspace; 0 keeps nothing
     * @param forget drops the source's part of a workspace's state, by workspace id
     */
    public SyncState(long maxBytes, LongConsumer forget) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.forget = forget;
    }

    /**
     * Takes a workspace's snapshot out, or null when there is none: the sync that takes it owns it
     * (and changes it), and one that fails leaves the next a full sync.
     */
    synchronized SyncRun.Snapshot take(long workspaceId) {
        Entry e = entries.get(workspaceId);
        if (e == null || e.snapshot() == null) {
            return null;
        }
        replace(workspaceId, new Entry(null, 0, e.sourceBytes()));
        return e.snapshot();
    }

    /** Keeps {@code snapshot}, of about {@code snapshotBytes}, for the workspace's next sync. */
    synchronized void put(long workspaceId, SyncRun.Snapshot snapshot, long snapshotBytes) {
        Entry e = entries.get(workspaceId);
        replace(workspaceId, new Entry(snapshot, snapshotBytes, e == null ? 0 : e.sourceBytes()));
    }

    /**
     * Ends a sync of the workspace: notes the size of the source's part ({@code sourceBytes}), and
     * drops the least recently synced workspaces while the whole is over the bound, this one last
     * and only when the bound is 0.
     */
    void settle(long workspaceId, long sourceBytes) {
        List<Long> dropped = new ArrayList<>();
        synchronized (this) {
            Entry e = entries.get(workspaceId);
            SyncRun.Snapshot s = e == null ? null : e.snapshot();
            replace(workspaceId, new Entry(s, e == null ? 0 : e.snapshotBytes(), sourceBytes));
            if (s == null && sourceBytes == 0) {
                replace(workspaceId, null);
            }
            Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Long, Entry> oldest = it.next();
                if (oldest.getKey() == workspaceId && maxBytes > 0) {
                    continue; // the most recent: kept, see the class's comment
                }
                bytes -= oldest.getValue().bytes();
                it.remove();
                dropped.add(oldest.getKey());
            }
        }
        // outside the lock: the source takes its own
        for (long id : dropped) {
            forget.accept(id);
        }
    }

    /** About how many bytes the state holds now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** How many workspaces have state now. */
    public synchronized int workspaces() {
        return entries.size();
    }

    private void replace(long workspaceId, Entry next) {
        Entry old = next == null ? entries.remove(workspaceId) : entries.put(workspaceId, next);
        bytes += (next == null ? 0 : next.bytes()) - (old == null ? 0 : old.bytes());
    }
}
