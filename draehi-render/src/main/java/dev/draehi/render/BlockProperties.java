package dev.draehi.render;

/** The visible properties of a block; its children are {@link BlockProperty} nodes. */
public class BlockProperties extends org.commonmark.node.CustomBlock {}
