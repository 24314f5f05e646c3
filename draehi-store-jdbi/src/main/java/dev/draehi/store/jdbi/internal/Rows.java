package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Session;
import dev.draehi.model.SyncJob;
import dev.draehi.model.SyncJobStatus;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Row mappers from the seed's columns to draehi's records. */
public final class Rows {
    private Rows() {}

    /** Column list of {@code nodes}, in the order {@link NodeMapper} and COPY use. */
    public static final String NODE_COLUMNS =
            "uuid, workspace_id, parent_uuid, \"order\", page_name, slug, title, html, metadata,"
                    + " created_at, updated_at";

    /** {@code users} → {@link User}. */
    public static final class UserMapper implements RowMapper<User> {
        @Override
        public User map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new User(
                    rs.getLong("id"),
                    rs.getString("username"),
                    rs.getString("password"),
                    Timestamps.read(rs, "created_at"));
        }
    }

    /** {@code draehi_sessions} → {@link Session}. */
    public static final class SessionMapper implements RowMapper<Session> {
        @Override
        public Session map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Session(
                    rs.getString("id"),
                    rs.getLong("user_id"),
                    rs.getString("csrf_token"),
                    Timestamps.read(rs, "created_at"),
                    Timestamps.read(rs, "last_seen_at"));
        }
    }

    /** {@code draehi_sync_jobs} → {@link SyncJob}. */
    public static final class SyncJobMapper implements RowMapper<SyncJob> {
        @Override
        public SyncJob map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SyncJob(
                    rs.getLong("id"),
                    rs.getLong("workspace_id"),
                    SyncJobStatus.valueOf(
                            rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                    rs.getInt("attempts"),
                    Timestamps.read(rs, "run_after"),
                    rs.getString("worker"),
                    Timestamps.read(rs, "lease_until"),
                    rs.getString("last_error"),
                    Timestamps.read(rs, "created_at"),
                    Timestamps.read(rs, "updated_at"));
        }
    }

    /** {@code workspaces} → {@link Workspace}. */
    public static final class WorkspaceMapper implements RowMapper<Workspace> {
        @Override
        public Workspace map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Workspace(
                    rs.getLong("id"),
                    rs.getLong("user_id"),
                    rs.getString("slug"),
                    rs.getString("name"),
                    rs.getString("domain"),
                    rs.getInt("embed_depth"),
                    Timestamps.read(rs, "created_at"),
                    Timestamps.read(rs, "updated_at"));
        }
    }

    /** {@code git_repositories} → {@link GitRepository}. */
    public static final class GitRepositoryMapper implements RowMapper<GitRepository> {
        @Override
        public GitRepository map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new GitRepository(
                    rs.getLong("id"),
                    rs.getLong("workspace_id"),
                    rs.getString("repo_url"),
                    rs.getString("branch"),
                    rs.getString("deploy_key"),
                    Timestamps.read(rs, "last_sync"),
                    SyncStatus.fromDbValue(rs.getString("sync_status")),
                    rs.getString("error_log"),
                    Timestamps.read(rs, "created_at"),
                    Timestamps.read(rs, "updated_at"));
        }
    }

    /** {@code deployment_history} → {@link Deployment}. */
    public static final class DeploymentMapper implements RowMapper<Deployment> {
        @Override
        public Deployment map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Deployment(
                    rs.getLong("id"),
                    rs.getLong("workspace_id"),
                    rs.getString("commit_sha"),
                    DeploymentStatus.fromDbValue(rs.getString("status")),
                    Timestamps.read(rs, "deployed_at"),
                    rs.getString("error_log"),
                    Json.readBuildLog(rs.getString("build_log")));
        }
    }

    /** {@code nodes} → {@link Node}. */
    public static final class NodeMapper implements RowMapper<Node> {
        @Override
        public Node map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Node(
                    rs.getString("uuid"),
                    rs.getLong("workspace_id"),
                    rs.getString("parent_uuid"),
                    rs.getInt("order"),
                    rs.getString("page_name"),
                    rs.getString("slug"),
                    rs.getString("title"),
                    rs.getString("html"),
                    Json.readMetadata(rs.getString("metadata")),
                    Timestamps.read(rs, "created_at"),
                    Timestamps.read(rs, "updated_at"));
        }
    }

    /**
     * A row of {@link NodeDao#linkedReferences}: a shown block (or {@code null} in the one row of
     * counts alone), its page's path, and the counts of all referring blocks and their pages.
     */
    public record LinkedRow(Node block, String pagePath, int blockCount, int pageCount) {}

    /** {@link NodeDao#linkedReferences} → {@link LinkedRow}. */
    public static final class LinkedRowMapper implements RowMapper<LinkedRow> {
        private final NodeMapper nodes = new NodeMapper();

        @Override
        public LinkedRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new LinkedRow(
                    rs.getString("uuid") == null ? null : nodes.map(rs, ctx),
                    rs.getString("page_path"),
                    rs.getInt("block_count"),
                    rs.getInt("page_count"));
        }
    }

    /** A row of {@link NodeDao#PAGE_CONTENT}: which part of the page it is, and the row. */
    public record PartRow(int part, LinkedRow row) {}

    /** {@link NodeDao#PAGE_CONTENT} → {@link PartRow}. */
    public static final class PartRowMapper implements RowMapper<PartRow> {
        private final LinkedRowMapper rows = new LinkedRowMapper();

        @Override
        public PartRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new PartRow(rs.getInt("part"), rows.map(rs, ctx));
        }
    }

    /** {@code draehi_page_routes} → {@link PageRoute}. */
    public static final class PageRouteMapper implements RowMapper<PageRoute> {
        @Override
        public PageRoute map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new PageRoute(rs.getString("path"), rs.getString("page_uuid"));
        }
    }
}
