package dev.draehi.render.node;

/** An org block that is not shown: {@code #+BEGIN_COMMENT}, {@code #+BEGIN_EXPORT}. */
public class HiddenBlock extends org.commonmark.node.CustomBlock {}
