package dev.draehi.sync.internal;

import dev.draehi.model.SyncWarning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the block tree with graph-parser's relative rule ({@code with-parent-and-left}): deeper
 * than the open block → child, equal → sibling, shallower → back to the open block of that level,
 * or, when none has it, a child of the nearest shallower one at the level of the block it passed.
 * Depth is capped at {@code maxDepth}.
 */
final class Outline {
    private final List<RawBlock> roots = new ArrayList<>();
    private final ArrayDeque<RawBlock> stack = new ArrayDeque<>();
    private final int maxDepth;
    private final String file;
    private final List<SyncWarning> warnings;
    private boolean warnedDepth;
    private int count;

    Outline(int maxDepth, String file, List<SyncWarning> warnings) {
        this.maxDepth = maxDepth;
        this.file = file;
        this.warnings = warnings;
    }

    void add(RawBlock b) {
        b.nest = b.level;
        if (!stack.isEmpty() && b.nest < stack.peek().nest) {
            // An outdent to a level no open block has: graph-parser puts the block where the
            // shallowest block it passes was, and later blocks compare with that level.
            boolean known = false;
            for (RawBlock open : stack) {
                known |= open.nest == b.nest;
            }
            RawBlock passed = null;
            while (!stack.isEmpty() && stack.peek().nest > b.nest) {
                passed = stack.pop();
            }
            if (!known && passed != null) {
                b.nest = passed.nest;
            }
        }
        if (!stack.isEmpty() && stack.peek().nest == b.nest) {
            stack.pop();
        }
        if (stack.size() >= maxDepth) {
            if (!warnedDepth) {
                warnedDepth = true;
                warnings.add(
                        new SyncWarning(
                                file,
                                b.line,
                                "blocks nested deeper than "
                                        + maxDepth
                                        + " levels are attached at depth "
                                        + maxDepth));
            }
            while (stack.size() >= maxDepth) {
                stack.pop();
            }
        }
        if (stack.isEmpty()) {
            roots.add(b);
        } else {
            stack.peek().children.add(b);
        }
        b.depth = stack.size() + 1;
        stack.push(b);
        count++;
    }

    List<RawBlock> roots() {
        return roots;
    }

    int count() {
        return count;
    }
}
