package dev.draehi.render.node;

/** The visible properties of a block; its children are {@link BlockProperty} nodes. */
public class BlockProperties extends org.commonmark.node.CustomBlock {}
