package dev.draehi.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code draehi.*} properties that {@link DraehiAutoConfiguration} and {@link
 * DraehiWebMvcAutoConfiguration} build draehi from.
 *
 * <pre>
 * draehi.storage.migrate=true
 * draehi.checkout-dir=/var/lib/draehi/checkouts
 * draehi.site.path=/notes
 * draehi.webhook.path=/api/webhooks/git
 * draehi.webhook.secret=${GIT_WEBHOOK_SECRET}
 * draehi.sync.threads=2
 * </pre>
 */
@ConfigurationProperties("draehi")
public class DraehiProperties {
    /**
     * Where git checkouts live, one directory per workspace; the process must be the only writer.
     * Default: draehi-checkouts in the temporary directory.
     */
    private Path checkoutDir;

    private final Storage storage = new Storage();

    private final Site site = new Site();

    private final Webhook webhook = new Webhook();

    private final Sync sync = new Sync();

    public Path getCheckoutDir() {
        return checkoutDir;
    }

    public void setCheckoutDir(Path checkoutDir) {
        this.checkoutDir = checkoutDir;
    }

    public Storage getStorage() {
        return storage;
    }

    public Site getSite() {
        return site;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public Sync getSync() {
        return sync;
    }

    /** The worker that runs queued syncs (pushes) in this instance of the application. */
    public static class Sync {
        /** Whether this instance runs queued syncs; instances on one database share the queue. */
        private boolean worker = true;

        /** How many syncs this instance runs at once. */
        private int threads = 2;

        /** How long ended sync jobs and seen webhook delivery ids are kept. */
        private Duration retention = Duration.ofDays(7);

        public boolean isWorker() {
            return worker;
        }

        public void setWorker(boolean worker) {
            this.worker = worker;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }
    }

    /** The PostgreSQL storage on the application's DataSource. */
    public static class Storage {
        /**
         * Whether to bring draehi's tables in the DataSource's default schema up to date at
         * start-up (Liquibase, with tracking tables of draehi's own).
         */
        private boolean migrate = true;

        /**
         * Base64 of an AES key (16, 24 or 32 bytes) that encrypts the repository tokens and webhook
         * secrets draehi stores. Default: stored as given.
         */
        private String secretKey;

        public boolean isMigrate() {
            return migrate;
        }

        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        @Override
        public String toString() {
            // the key is a credential: never in a log line or an error message
            return "Storage[migrate="
                    + migrate
                    + ", secretKey="
                    + (secretKey == null ? "none" : "***")
                    + "]";
        }
    }

    /** The published website, served by Spring MVC for GET and HEAD. */
    public static class Site {
        /** Whether to serve the site. */
        private boolean enabled = true;

        /**
         * The path the site is mounted at, within the servlet context: its workspaces are served at
         * {path}/{workspace}/. Application controllers take precedence over it.
         */
        private String path = "/";

        /** The name shown on the site's root page. */
        private String name = "draehi";

        /**
         * Where the site is published, e.g. https://notes.example.com/notes, for canonical, sitemap
         * and feed URLs; its path must be the context path plus draehi.site.path. Default: links
         * relative to the context path plus draehi.site.path.
         */
        private String baseUrl;

        /** How much memory the response cache may take; 0 turns it off. */
        private DataSize cacheSize = DataSize.ofMegabytes(64);

        /**
         * How long a workspace's version, once read, is trusted without asking the database again;
         * zero reads it on every request, so a page is never older than the last sync.
         */
        private Duration recheckEvery = Duration.ZERO;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public DataSize getCacheSize() {
            return cacheSize;
        }

        public void setCacheSize(DataSize cacheSize) {
            this.cacheSize = cacheSize;
        }

        public Duration getRecheckEvery() {
            return recheckEvery;
        }

        public void setRecheckEvery(Duration recheckEvery) {
            this.recheckEvery = recheckEvery;
        }
    }

    /** The push webhook endpoint of GitHub, GitLab and Gitea. */
    public static class Webhook {
        /** Whether to serve the webhook endpoint. */
        private boolean enabled = true;

        /** The path of the webhook endpoint (POST), within the servlet context. */
        private String path = "/api/webhooks/git";

        /**
         * The secret of repositories that have none of their own (set with
         * Accounts.newWebhookSecret). Default: none, and such repositories' pushes are refused.
         */
        private String secret;

        /** The largest request body read; a larger one is refused with 413. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        @Override
        public String toString() {
            return "Webhook[enabled="
                    + enabled
                    + ", path="
                    + path
                    + ", secret="
                    + (secret == null ? "none" : "***")
                    + ", maxBodySize="
                    + maxBodySize
                    + "]";
        }
    }
}
