package dev.draehi.render.node;

/** The blocks inside an {@link Embed} or an {@link EmbeddedBlock}; rendered as {@code <ul>}. */
public class EmbedList extends org.commonmark.node.CustomBlock {}
