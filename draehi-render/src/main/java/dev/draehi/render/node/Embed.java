package dev.draehi.render.node;

/**
 * An embed {@code {{embed [[page]]}}} or {@code {{embed ((uuid))}}}; once resolved, its child is an
 * {@link EmbedList} of the embedded blocks.
 */
public class Embed extends org.commonmark.node.CustomBlock {
    /** What an embed resolved to. */
    public enum Status {
        /** Not resolved yet. */
        UNRESOLVED,
        /** The embedded blocks are the children. */
        RESOLVED,
        /** Unknown target, or content of an unpublished page. */
        PRIVATE,
        /** The target is already being embedded further up. */
        CYCLE,
        /** The workspace's embed depth, or the size budget, is exhausted. */
        DEPTH_LIMIT
    }

    private final String target;
    private final boolean toBlock;
    private String url;
    private String title;
    private Status status = Status.UNRESOLVED;

    public Embed(String target, boolean toBlock) {
        this.target = java.util.Objects.requireNonNull(target, "target");
        this.toBlock = toBlock;
    }

    /** A page name as written, or a block uuid. */
    public String getTarget() {
        return target;
    }

    /** True for a block embed. */
    public boolean isToBlock() {
        return toBlock;
    }

    /** The URL of the embedded page or block, when published. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** The embedded page's name, for a resolved page embed. */
    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    /** What the embed resolved to. */
    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }
}
