package dev.draehi.store.jdbi.internal;

/**
 * The first keys of draehi's advisory locks, as SQL: one per key space and schema. Advisory locks
 * belong to a database, not a schema, so two draehi installations in one database (a staging and a
 * live schema, parallel test runs) would otherwise wait on each other's workspace 1; the second key
 * is the workspace id.
 */
final class Locks {
    private Locks() {}

    /** The sync lock, held by {@code lockWorkspace} for a whole sync. */
    static final String SYNC = "hashtext(current_schema() || '/draehi-sync')";

    /** The content lock, held by a content write until its transaction ends. */
    static final String CONTENT = "hashtext(current_schema() || '/draehi-content')";

    /**
     * SQL true when a session holds the sync lock of a workspace: {@code SYNC_HELD_BEFORE +
     * "t.workspace_id" + SYNC_HELD_AFTER} (constants, for annotations).
     */
    static final String SYNC_HELD_BEFORE =
            "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = ("
                    + SYNC
                    + ")::oid AND l.objid = ";

    static final String SYNC_HELD_AFTER =
            " AND l.objsubid = 2 AND l.granted"
                    + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";
}
