package dev.draehi.render.internal.datalog;

import java.util.List;
import org.commonmark.node.CustomBlock;

/** The nodes an evaluated advanced query holds; {@link AdvancedQueryHtml} writes them. */
final class ResultNodes {
    private ResultNodes() {}

    /** The query's view: its title, then notes and results as children. */
    static final class View extends CustomBlock {
        final String title;
        final String titleHtml;
        final boolean collapsed;

        View(String title, String titleHtml, boolean collapsed) {
            this.title = title;
            this.titleHtml = titleHtml;
            this.collapsed = collapsed;
        }
    }

    /** A line about the query: stopped, not run, custom view not shown, results cut. */
    static final class Note extends CustomBlock {
        final String kind;
        final String text;

        Note(String kind, String text) {
            this.kind = kind;
            this.text = text;
        }
    }

    /** The blocks found on one page: the page's link, then {@link Items}. */
    static final class Group extends CustomBlock {}

    /** A list of {@link Item}s. */
    static final class Items extends CustomBlock {}

    /**
     * One block found: a {@link Crumbs}, its {@link Content}, then its children's {@link Items}.
     */
    static final class Item extends CustomBlock {}

    /** Where a block sits: its page and parents, as inline nodes. */
    static final class Crumbs extends CustomBlock {}

    /** A block's rendered content. */
    static final class Content extends CustomBlock {}

    /** A table: the header, then {@link Row}s. */
    static final class Table extends CustomBlock {
        final List<String> columns;

        Table(List<String> columns) {
            this.columns = List.copyOf(columns);
        }
    }

    /** A table row of {@link Cell}s. */
    static final class Row extends CustomBlock {}

    /** A table cell, with inline nodes. */
    static final class Cell extends CustomBlock {}

    /** Results that are not pages or blocks, printed as EDN. */
    static final class Data extends CustomBlock {
        final String text;

        Data(String text) {
            this.text = text;
        }
    }

    /** No results. */
    static final class Empty extends CustomBlock {}
}
