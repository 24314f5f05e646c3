package dev.draehi.render.node;

/**
 * A block reference {@code ((uuid))}; once resolved, its children are the referenced block's inline
 * content, or the written label.
 */
public class BlockRef extends org.commonmark.node.CustomNode {
    /** What a block reference resolved to. */
    public enum Status {
        /** Not resolved yet. */
        UNRESOLVED,
        /** A published block: linked, with its text. */
        RESOLVED,
        /** Unknown, or on an unpublished page: a placeholder, never the content. */
        PRIVATE,
        /** Refers back to a block whose text is already being shown. */
        CYCLE
    }

    private final String uuid;
    private final boolean labelled;
    private String url;
    private String highlightPage;
    private String highlightUrl;
    private Status status = Status.UNRESOLVED;

    public BlockRef(String uuid, boolean labelled) {
        this.uuid = java.util.Objects.requireNonNull(uuid, "uuid");
        this.labelled = labelled;
    }

    /** The uuid as written. */
    public String getUuid() {
        return uuid;
    }

    /** True for {@code [label](((uuid)))}: the children are the written label. */
    public boolean isLabelled() {
        return labelled;
    }

    /** The block's URL once resolved. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** What the reference resolved to. */
    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    /**
     * For a ref to a PDF highlight: its page number and the PDF's URL at that page (or null when
     * the PDF is not published).
     */
    public void setHighlight(String page, String pdfUrl) {
        this.highlightPage = page;
        this.highlightUrl = pdfUrl;
    }

    /** The page number of the PDF highlight this ref shows, or {@code null}. */
    public String getHighlightPage() {
        return highlightPage;
    }

    /** The PDF's URL at the highlight's page, or {@code null}. */
    public String getHighlightUrl() {
        return highlightUrl;
    }
}
