/**
 * The commonmark nodes that {@link dev.draehi.render.LogseqExtension} adds to a parsed block: page
 * references, tags, block references, embeds, macros, queries, org blocks, highlights, math and
 * footnotes. A custom {@code NodeRenderer} or {@code PostProcessor} matches on these types.
 */
package dev.draehi.render.node;
