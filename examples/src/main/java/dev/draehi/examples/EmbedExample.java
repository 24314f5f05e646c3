package dev.draehi.examples;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.sync.GitGraphSource;
import dev.draehi.web.SiteUrls;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A host application that publishes a graph into its own database and serves one page of it from
 * its own code: the whole of draehi's embedding API in one method.
 */
public final class EmbedExample {
    private EmbedExample() {}

    /**
     * Connects the repository at {@code graphUrl} to a new workspace named {@code name}, syncs it
     * into {@code dataSource}, and returns the HTML of the page at {@code pagePath}.
     */
    public static String publishAndRender(
            DataSource dataSource, String graphUrl, String name, String pagePath, Path checkouts) {
        Storage storage = JdbiStorage.builder(dataSource).migrate(true).build();
        Workspace ws = storage.workspaces().create(storage.users().create(name, "!").id(), name);
        storage.repositories().create(ws.id(), graphUrl, "main", null);

        Publisher publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(GitGraphSource.builder().checkoutRoot(checkouts).build())
                        .renderer(HtmlPageRenderer.builder().build())
                        .build();
        Deployment d = publisher.sync(ws.id());
        if (!d.succeeded()) {
            throw new IllegalStateException("sync failed: " + d.errorLog());
        }
        SiteResponse page = Site.builder(storage).build().get(SiteUrls.page(ws.slug(), pagePath));
        return page.bodyText();
    }
}
