package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.model.AssetFile;
import dev.draehi.store.AssetRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The published assets: paths per workspace, contents stored once per SHA-256. */
final class SqlAssetRepository implements AssetRepository {
    private final SqlContext sql;

    SqlAssetRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<AssetFile> find(long workspaceId, String path) {
        Objects.requireNonNull(path, "path");
        return sql.read(
                "reading asset " + path,
                h ->
                        h.createQuery(
                                        "SELECT a.path, a.sha256, a.content_type, b.content"
                                                + " FROM draehi_assets a JOIN draehi_asset_blobs b"
                                                + " ON b.sha256 = a.sha256"
                                                + " WHERE a.workspace_id = :ws AND a.path = :path")
                                .bind("ws", workspaceId)
                                .bind("path", path)
                                .map(
                                        (rs, ctx) ->
                                                new AssetFile(
                                                        rs.getString(1),
                                                        rs.getString(2),
                                                        rs.getString(3),
                                                        rs.getBytes(4)))
                                .findOne());
    }

    @Override
    public List<String> paths(long workspaceId) {
        return sql.read(
                "listing assets",
                h ->
                        h.createQuery(
                                        "SELECT path FROM draehi_assets WHERE workspace_id = :ws"
                                                + " ORDER BY path COLLATE \"C\"")
                                .bind("ws", workspaceId)
                                .mapTo(String.class)
                                .list());
    }

    @Override
    public void replaceAll(long workspaceId, List<AssetFile> files) {
        Objects.requireNonNull(files, "files");
        sql.write(
                "storing assets of workspace " + workspaceId,
                h -> {
                    SqlContext.requireWorkspace(h, workspaceId);
                    Map<String, String> old = stored(h, workspaceId);
                    Set<String> keep = new HashSet<>();
                    for (AssetFile f : files) {
                        if (!keep.add(f.path())) {
                            throw new ConflictException("asset " + f.path() + " given twice");
                        }
                        if (!(f.sha256() + "/" + f.contentType()).equals(old.get(f.path()))) {
                            store(h, workspaceId, f);
                        }
                    }
                    List<String> gone = new ArrayList<>();
                    for (String p : old.keySet()) {
                        if (!keep.contains(p)) {
                            gone.add(p);
                        }
                    }
                    delete(h, workspaceId, gone);
                    // only a blob whose asset went or now points elsewhere can be left unused
                    Map<String, String> released = new HashMap<>(old);
                    for (AssetFile f : files) {
                        released.remove(f.path(), f.sha256() + "/" + f.contentType());
                    }
                    deleteUnusedBlobs(h, released);
                    return null;
                });
    }

    /** Path → {@code sha256/content type} of the workspace's stored assets. */
    private static Map<String, String> stored(Handle h, long workspaceId) {
        Map<String, String> old = new HashMap<>();
        h.createQuery(
                        "SELECT path, sha256 || '/' || content_type FROM draehi_assets"
                                + " WHERE workspace_id = :ws")
                .bind("ws", workspaceId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> old.put(e.getKey(), e.getValue()));
        return old;
    }

    private static void store(Handle h, long workspaceId, AssetFile f) {
        h.createUpdate(
                        "INSERT INTO draehi_asset_blobs (sha256, content)"
                                + " VALUES (:sha, :content) ON CONFLICT DO NOTHING")
                .bind("sha", f.sha256())
                .bind("content", f.content())
                .execute();
        h.createUpdate(
                        "INSERT INTO draehi_assets (workspace_id, path, sha256, content_type)"
                                + " VALUES (:ws, :path, :sha, :type)"
                                + " ON CONFLICT (workspace_id, path) DO UPDATE"
                                + " SET sha256 = EXCLUDED.sha256,"
                                + " content_type = EXCLUDED.content_type")
                .bind("ws", workspaceId)
                .bind("path", f.path())
                .bind("sha", f.sha256())
                .bind("type", f.contentType())
                .execute();
    }

    private static void delete(Handle h, long workspaceId, List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        h.createUpdate("DELETE FROM draehi_assets WHERE workspace_id = :ws AND path = ANY(:paths)")
                .bind("ws", workspaceId)
                .bind("paths", paths.toArray(new String[0]))
                .execute();
    }

    /** Deletes, of the blobs the assets {@code old} used, those no workspace uses any more. */
    private static void deleteUnusedBlobs(Handle h, Map<String, String> old) {
        if (old.isEmpty()) {
            return;
        }
        // a blob another workspace still uses stays
        h.createUpdate(
                        "DELETE FROM draehi_asset_blobs b WHERE b.sha256 = ANY(:shas)"
                                + " AND NOT EXISTS (SELECT 1 FROM draehi_assets a"
                                + " WHERE a.sha256 = b.sha256)")
                .bind(
                        "shas",
                        old.values().stream()
                                .map(v -> v.substring(0, v.indexOf('/')))
                                .toArray(String[]::new))
                .execute();
    }
}
