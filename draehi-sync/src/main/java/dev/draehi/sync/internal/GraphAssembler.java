package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.model.SyncWarning;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settles what needs the whole graph, single-threaded and in file order: page titles, identity
 * collisions, publication, duplicate {@code id::} values and generated pages.
 */
public final class GraphAssembler {
    private final LogseqConfig config;
    private final boolean strictPublishing;
    private final List<SyncWarning> warnings;

    /**
     * @param warnings receives what was skipped or repaired
     */
    public GraphAssembler(
            LogseqConfig config, boolean strictPublishing, List<SyncWarning> warnings) {
        this.config = config;
        this.strictPublishing = strictPublishing;
        this.warnings = warnings;
    }

    /** A parsed file in walk order (journals first, then pages, each by path). */
    public record Input(GraphWalker.SourceFile source, ParsedFile parsed) {}

    private record Named(Input input, String name, Integer journalDay) {}

    private static final class Generated {
        final String name;
        boolean published;

        Generated(String name, boolean published) {
            this.name = name;
            this.published = published;
        }
    }

    /** The graph's pages: file pages in input order, then generated pages. */
    public List<Page> assemble(List<Input> inputs) {
        Map<String, Named> winners = new LinkedHashMap<>();
        for (Input in : inputs) {
            Named named = name(in);
            if (named == null) {
                continue;
            }
            String identity = PageNames.identity(named.name());
            Named first = winners.putIfAbsent(identity, named);
            if (first != null) {
                warnings.add(
                        new SyncWarning(
                                in.source().path(),
                                0,
                                "page \""
                                        + named.name()
                                        + "\" is already defined by "
                                        + first.input().source().path()
                                        + "; "
                                        + in.source().path()
                                        + " is skipped"));
            }
        }

        List<Page> pages = new ArrayList<>();
        Set<String> known = new HashSet<>(winners.keySet());
        Map<String, String> seenIds = new HashMap<>();
        for (Named n : winners.values()) {
            ParsedFile parsed = n.input().parsed();
            String path = n.input().source().path();
            Map<String, String> props = parsed.properties();
            List<String> tags =
                    props.containsKey("tags") ? Properties.pageList(props.get("tags")) : List.of();
            List<String> aliases =
                    props.containsKey("alias")
                            ? Properties.pageList(props.get("alias"))
                            : List.of();
            for (String alias : aliases) {
                known.add(PageNames.identity(alias));
            }
            List<Block> blocks = dedupeIds(parsed.blocks(), seenIds, path);
            pages.add(
                    new Page(
                            n.name(),
                            path,
                            parsed.format(),
                            n.journalDay(),
                            published(path, props),
                            props,
                            tags,
                            aliases,
                            blocks));
        }

        LinkedHashMap<String, Generated> generated = new LinkedHashMap<>();
        for (Page p : pages) {
            if (!p.isJournal()) {
                want(PageNames.namespaceParent(p.name()), p.published(), known, generated);
            }
            if (!p.published()) {
                continue;
            }
            for (Map.Entry<String, String> e : p.properties().entrySet()) {
                for (Block.Ref r :
                        Properties.refs(e.getKey(), e.getValue(), p.format() == Block.Format.ORG)) {
                    if (!r.toBlock()) {
                        want(r.target(), true, known, generated);
                    }
                }
            }
            for (Block b : p.flatBlocks()) {
                for (Block.Ref r : b.refs()) {
                    if (!r.toBlock()) {
                        want(r.target(), true, known, generated);
                    }
                }
            }
        }
        for (Generated g : generated.values()) {
            Integer day = journalDay(g.name).orElse(null);
            pages.add(
                    new Page(
                            g.name,
                            null,
                            null,
                            day,
                            g.published,
                            Map.of(),
                            List.of(),
                            List.of(),
                            List.of()));
        }
        return pages;
    }

    private void want(
            String rawName, boolean published, Set<String> known, Map<String, Generated> out) {
        String name = rawName == null ? null : PageNames.normalize(rawName);
        while (name != null && !name.isEmpty()) {
            String identity = PageNames.identity(name);
            if (identity.isEmpty()) {
                return;
            }
            if (known.contains(identity)) {
                return; // a file page: its own namespace parents are settled when it is
            }
            Generated g = out.get(identity);
            if (g == null) {
                out.put(identity, new Generated(name, published));
            } else if (published && !g.published) {
                g.published = true;
            } else {
                return; // already generated with at least this visibility, parents too
            }
            name = journalDay(name).isPresent() ? null : PageNames.namespaceParent(name);
        }
    }

    private Optional<Integer> journalDay(String name) {
        return JournalDates.parseTitle(name, config.journalTitleFormat())
                .map(JournalDates::journalDay);
    }

    private boolean published(String path, Map<String, String> props) {
        if (config.isHidden(path)) {
            return false;
        }
        Boolean pub = Properties.bool(props, "public");
        if (pub != null) {
            return pub;
        }
        if (strictPublishing) {
            return Boolean.TRUE.equals(config.allPagesPublic());
        }
        return !Boolean.FALSE.equals(config.allPagesPublic());
    }

    /** The page's name and journal day, or null when it has none. */
    private Named name(Input in) {
        GraphWalker.SourceFile src = in.source();
        String path = src.path();
        String body = FileNames.body(path);
        String title = in.parsed().properties().get("title");
        String name;
        Integer day = null;
        if (path.startsWith("pages/")
                && path.indexOf('/', 6) < 0
                && body.equalsIgnoreCase("contents")) {
            name = "Contents";
        } else if (title != null && !title.isBlank()) {
            name = title.strip();
        } else if (src.journalFolder()) {
            Optional<LocalDate> date = JournalDates.parse(body, config.journalFileNameFormat());
            if (date.isEmpty()) {
                date = JournalDates.parse(body, JournalDates.DEFAULT_FILE_NAME_FORMAT);
            }
            if (date.isPresent()) {
                day = JournalDates.journalDay(date.get());
                name = JournalDates.format(date.get(), config.journalTitleFormat());
            } else {
                name = FileNames.decodeTitle(body, config.fileNameFormat());
            }
        } else {
            name = FileNames.decodeTitle(body, config.fileNameFormat());
        }
        if (day == null && !name.equals("Contents")) {
            Optional<LocalDate> date = JournalDates.parseTitle(name, config.journalTitleFormat());
            if (date.isPresent()) {
                day = JournalDates.journalDay(date.get());
                name = JournalDates.format(date.get(), config.journalTitleFormat());
            }
        }
        name = PageNames.normalize(name);
        if (PageNames.identity(name).isEmpty()) {
            warnings.add(
                    new SyncWarning(path, 0, "the file name gives an empty page name; skipped"));
            return null;
        }
        return new Named(in, name, day);
    }

    /** Clears an {@code id::} already used by an earlier block, so that block gets a fresh id. */
    private List<Block> dedupeIds(List<Block> blocks, Map<String, String> seen, String path) {
        List<Block> out = null;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Block replaced = b;
            if (b.id() != null) {
                String firstFile = seen.putIfAbsent(b.id(), path);
                if (firstFile != null) {
                    warnings.add(
                            new SyncWarning(
                                    path,
                                    b.line(),
                                    "duplicate id:: "
                                            + b.id()
                                            + " (first used in "
                                            + firstFile
                                            + "); this block gets a generated id"));
                    Map<String, String> props = new LinkedHashMap<>(b.properties());
                    props.remove("id");
                    replaced = withIdAndChildren(b, null, props, b.children());
                }
            }
            List<Block> children = dedupeIds(replaced.children(), seen, path);
            if (children != replaced.children()) {
                replaced =
                        withIdAndChildren(replaced, replaced.id(), replaced.properties(), children);
            }
            if (replaced != b && out == null) {
                out = new ArrayList<>(blocks.subList(0, i));
            }
            if (out != null) {
                out.add(replaced);
            }
        }
        return out == null ? blocks : out;
    }

    private static Block withIdAndChildren(
            Block b, String id, Map<String, String> props, List<Block> children) {
        return new Block(
                id,
                b.content(),
                props,
                b.marker(),
                b.priority(),
                b.scheduled(),
                b.deadline(),
                b.headingLevel(),
                b.collapsed(),
                b.refs(),
                children,
                b.line(),
                b.format());
    }
}
