package dev.draehi.render.node;

/** Highlighted text: {@code ==x==} or {@code ^^x^^}. */
public class Highlight extends org.commonmark.node.CustomNode {}
