package dev.draehi.internal;

import dev.draehi.model.PageNames;
import dev.draehi.spi.RenderReads;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What rendering and building one stored page read of the rest of the graph, as {@link
 * IncrementalPlan} checks it: page identities read whole or only linked to, block ids (lower case)
 * read whole or only linked to, namespaces listed, whether it read everything; and the assets it
 * links to. A key read whole is not repeated as a link; a page that read everything keeps no other
 * keys.
 */
record PageReads(
        List<String> pages,
        List<String> pageLinks,
        List<String> blocks,
        List<String> blockLinks,
        List<String> namespaces,
        boolean everything,
        List<String> assets) {

    /** How many keys the record holds, for size estimates. */
    int keys() {
        return pages.size()
                + pageLinks.size()
                + blocks.size()
                + blockLinks.size()
                + namespaces.size()
                + assets.size();
    }

    /**
     * Collects the reads of one page, as written, and turns them into keys once, at the end: a page
     * links to one name many times. Rendering may record from several threads.
     */
    static final class Recorder implements RenderReads {
        private final Set<String> pages = new HashSet<>();
        private final Set<String> pageLinks = new HashSet<>();
        private final Set<String> blocks = new HashSet<>();
        private final Set<String> blockLinks = new HashSet<>();
        private final Set<String> namespaces = new HashSet<>();
        private final Set<String> assets = new HashSet<>();
        private boolean everything;

        @Override
        public synchronized void page(String nameAsWritten) {
            pages.add(nameAsWritten);
        }

        @Override
        public synchronized void pageLink(String nameAsWritten) {
            pageLinks.add(nameAsWritten);
        }

        @Override
        public synchronized void block(String id) {
            blocks.add(id);
        }

        @Override
        public synchronized void blockLink(String id) {
            blockLinks.add(id);
        }

        @Override
        public synchronized void namespace(String name) {
            namespaces.add(name);
        }

        @Override
        public synchronized void asset(String path) {
            String p = GraphLinks.normalizeAssetPath(path);
            if (p != null) {
                assets.add(p);
            }
        }

        @Override
        public synchronized void everything() {
            everything = true;
        }

        /** The keys of what was recorded. */
        synchronized PageReads reads() {
            List<String> a = List.copyOf(assets);
            if (everything) {
                return new PageReads(
                        List.of(), List.of(), List.of(), List.of(), List.of(), true, a);
            }
            Set<String> p = identities(pages, Set.of());
            Set<String> b = lowerCase(blocks, Set.of());
            return new PageReads(
                    List.copyOf(p),
                    List.copyOf(identities(pageLinks, p)),
                    List.copyOf(b),
                    List.copyOf(lowerCase(blockLinks, b)),
                    List.copyOf(identities(namespaces, Set.of())),
                    false,
                    a);
        }

        private static Set<String> identities(Set<String> names, Set<String> except) {
            Set<String> out = new HashSet<>();
            for (String n : names) {
                String id = PageNames.identity(n);
                if (!except.contains(id)) {
                    out.add(id);
                }
            }
            return out;
        }

        private static Set<String> lowerCase(Set<String> ids, Set<String> except) {
            Set<String> out = new HashSet<>();
            for (String id : ids) {
                String k = id.toLowerCase(Locale.ROOT);
                if (!except.contains(k)) {
                    out.add(k);
                }
            }
            return out;
        }
    }
}
