package dev.draehi.spi;

import java.util.Optional;

/**
 * Turns the targets of references into URLs of the published site. Empty means there is nothing
 * published to link to (an unpublished or unknown page), and the renderer shows plain text instead.
 */
public interface LinkResolver {
    /** The URL of the page a name refers to (any case, alias or journal title). */
    Optional<String> pageUrl(String pageNameAsWritten);

    /** The URL of a block by its {@code id::}: its page's URL and {@code #id}. */
    Optional<String> blockUrl(String blockId);

    /**
     * The URL of an asset, by its path relative to the graph root ({@code assets/x.png}); empty
     * when the graph has no such file.
     */
    Optional<String> assetUrl(String assetPath);
}
