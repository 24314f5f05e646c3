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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * A file page as the last assembly made it, from this parse, with what the assembly worked out
     * on the way: the page's identity; whether its block ids were all used first there ({@code
     * clean}); the names its refs and namespace named that were not file pages then, in order, with
     * the visibility asked for them ({@code unknowns}: the only ones that can generate a page, as
     * long as every page known then still is).
     */
    public record Assembled(
            ParsedFile parsed,
            LogseqConfig config,
            Page page,
            String identity,
            boolean clean,
            List<Want> unknowns) {}

    /**
     * A call for a page that may have to be generated: the name as written, normalised, with its
     * identity worked out once.
     */
    public record Want(String name, String identity, boolean published) {
        static Want of(String rawName, boolean published) {
            String name = rawName == null ? null : PageNames.normalize(rawName);
            return new Want(name, name == null ? null : PageNames.identity(name), published);
        }
    }

    private Map<String, Assembled> previous = Map.of();
    private Map<String, Assembled> assembled = new HashMap<>();
    // the pages assembleQuickly swapped, by path, not yet put into previous
    private Map<String, Assembled> swapped;

    /**
     * The file pages of an earlier assembly, by path: a page whose parse, name, journal day and
     * visibility are the same is taken over as it is, the same object, so that what is derived from
     * it (a graph's index of block ids) can be too. The map is the earlier {@link #assembled()}:
     * after {@link #assembleQuickly}, {@link #assembled()} updates it in place.
     */
    public GraphAssembler reusing(Map<String, Assembled> previous) {
        this.previous = previous;
        return this;
    }

    /**
     * The file pages of the last assembly, by path, for the next one to reuse. After {@link
     * #assembleQuickly} that is the map given to {@link #reusing}, updated in place with the pages
     * swapped: call this when the assembly is kept, not before.
     */
    public Map<String, Assembled> assembled() {
        if (swapped != null) {
            previous.putAll(swapped);
            assembled = previous;
            swapped = null;
        }
        return assembled;
    }

    /**
     * What an assembly gave, for a quick next one: its inputs' paths and parses in order, its
     * pages, the config it ran with, and whether it warned of anything (a name defined twice, an id
     * used twice, an empty name).
     */
    public record Outcome(
            List<String> paths,
            List<ParsedFile> parses,
            List<Page> pages,
            LogseqConfig config,
            boolean warned) {}

    private Outcome outcome;

    /** What the last {@link #assemble} or {@link #assembleQuickly} gave. */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * The pages after a change that keeps every file, and every changed page's name, journal day,
     * visibility and aliases, its block ids its own, and the refs of it that name no file page:
     * {@code last}'s pages with the changed ones swapped, in time proportional to the number of
     * files, not of blocks or refs. Null when the change is not of that kind, or when the last
     * assembly warned: then {@link #assemble} settles it.
     *
     * @param changed the positions of the inputs that may differ from {@code last}'s, ascending;
     *     null to look at every input
     * @param known whether an identity is a file page's name or alias (unchanged by such a change)
     * @param idTakenElsewhere whether a block id is held by a page of another file than the path
     */
    public List<Page> assembleQuickly(
            List<Input> inputs,
            Outcome last,
            int[] changed,
            java.util.function.Predicate<String> known,
            java.util.function.BiPredicate<String, String> idTakenElsewhere) {
        int mark = warnings.size();
        List<Page> pages = quickly(inputs, last, changed, known, idTakenElsewhere);
        if (pages == null) {
            warnings.subList(mark, warnings.size()).clear(); // assemble says it again
        }
        return pages;
    }

    private List<Page> quickly(
            List<Input> inputs,
            Outcome last,
            int[] changed,
            java.util.function.Predicate<String> known,
            java.util.function.BiPredicate<String, String> idTakenElsewhere) {
        if (last == null
                || last.warned()
                || last.config() != config
                || inputs.size() != last.paths().size()) {
            return null;
        }
        List<Page> pages = new ArrayList<>(last.pages());
        List<ParsedFile> parses = new ArrayList<>(last.parses());
        Map<String, Assembled> updates = new HashMap<>();
        Set<String> claimed = new HashSet<>(); // ids of the changed files, each once
        int count = changed == null ? inputs.size() : changed.length;
        for (int k = 0; k < count; k++) {
            int i = changed == null ? k : changed[k];
            Input in = inputs.get(i);
            String path = in.source().path();
            if (in.parsed() == parses.get(i) && path.equals(last.paths().get(i))) {
                continue; // the same parse in the same place: its page is the last one
            }
            Assembled a = previous.get(path);
            // (its config is last's, checked above; its parse is last's at this place, skipped)
            if (!path.equals(last.paths().get(i)) || a == null) {
                return null;
            }
            Named n = name(in);
            Page old = a.page();
            ParsedFile parsed = in.parsed();
            Map<String, String> props = parsed.properties();
            if (n == null
                    || !n.name().equals(old.name())
                    || !Objects.equals(n.journalDay(), old.journalDay())
                    || published(path, props) != old.published()) {
                return null;
            }
            List<String> aliases = pageList(props, "alias");
            if (!aliases.equals(old.aliases())) {
                return null;
            }
            for (String id : parsed.blockIds()) {
                if (!claimed.add(id) || idTakenElsewhere.test(id, path)) {
                    return null;
                }
            }
            List<String> tags = pageList(props, "tags");
            Page page =
                    new Page(
                            n.name(),
                            path,
                            parsed.format(),
                            n.journalDay(),
                            old.published(),
                            props,
                            tags,
                            aliases,
                            parsed.blocks(),
                            propertyRefs(props, parsed.format()));
            List<Want> unknowns = new ArrayList<>();
            for (Want w : calls(page, parsed)) {
                if (w.name() != null
                        && !w.name().isEmpty()
                        && !w.identity().isEmpty()
                        && !known.test(w.identity())) {
                    unknowns.add(w);
                }
            }
            if (!unknowns.equals(a.unknowns())) {
                return null;
            }
            pages.set(i, page);
            parses.set(i, parsed);
            updates.put(
                    path, new Assembled(parsed, config, page, a.identity(), true, a.unknowns()));
        }
        swapped = updates;
        outcome = new Outcome(last.paths(), parses, List.copyOf(pages), config, false);
        return pages;
    }

    /**
     * The references a page's properties make, each once, in order: Logseq gives them to the page's
     * properties pre-block, so that {@code type:: [[Feature]]} is a linked reference of Feature,
     * and of the property page "type".
     */
    private List<Block.Ref> propertyRefs(Map<String, String> props, Block.Format format) {
        LinkedHashSet<Block.Ref> refs = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : props.entrySet()) {
            refs.addAll(
                    Properties.refs(
                            e.getKey(),
                            e.getValue(),
                            format == Block.Format.ORG,
                            config.properties()));
        }
        return List.copyOf(refs);
    }

    /** A page property that lists pages ({@code tags::}, {@code alias::}), or none. */
    private static List<String> pageList(Map<String, String> props, String key) {
        return props.containsKey(key) ? Properties.pageList(props.get(key)) : List.of();
    }

    /** The calls for pages that may have to be generated that {@code page} makes, in order. */
    private static List<Want> calls(Page p, ParsedFile parsed) {
        List<Want> calls = new ArrayList<>();
        if (!p.isJournal()) {
            calls.add(Want.of(PageNames.namespaceParent(p.name()), p.published()));
        }
        if (p.published()) {
            for (Block.Ref r : p.refs()) {
                if (!r.toBlock()) {
                    calls.add(Want.of(r.target(), true));
                }
            }
            for (String target : parsed.pageRefs()) {
                calls.add(Want.of(target, true));
            }
        }
        return calls;
    }

    /** The last assembly's page for {@code in}, when its parse and the config are the same. */
    private Assembled last(Input in) {
        Assembled last = previous.get(in.source().path());
        return last != null && last.parsed() == in.parsed() && last.config() == config
                ? last
                : null;
    }

    /** The graph's pages: file pages in input order, then generated pages. */
    public List<Page> assemble(List<Input> inputs) {
        int warnedBefore = warnings.size();
        Map<String, Named> winners = new LinkedHashMap<>();
        Map<String, Assembled> lasts = new HashMap<>();
        for (Input in : inputs) {
            Assembled last = last(in);
            Named named;
            String identity;
            if (last != null) {
                named = new Named(in, last.page().name(), last.page().journalDay());
                identity = last.identity();
                lasts.put(in.source().path(), last);
            } else {
                named = name(in);
                if (named == null) {
                    continue;
                }
                identity = PageNames.identity(named.name());
            }
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

        // The ids of every file the last assembly did not settle as it stands: only a page
        // that shares an id with one of them may have to give one up now.
        Set<String> unsettledIds = new HashSet<>();
        for (Named n : winners.values()) {
            Assembled last = lasts.get(n.input().source().path());
            if (last == null || !last.clean()) {
                unsettledIds.addAll(n.input().parsed().blockIds());
            }
        }
        Set<String> known = new HashSet<>(winners.keySet());
        List<Page> pages = new ArrayList<>();
        List<ParsedFile> parses = new ArrayList<>();
        List<Assembled> reused = new ArrayList<>();
        Map<String, String> seenIds = new HashMap<>();
        for (Map.Entry<String, Named> w : winners.entrySet()) {
            Named n = w.getValue();
            ParsedFile parsed = n.input().parsed();
            String path = n.input().source().path();
            Map<String, String> props = parsed.properties();
            boolean published = published(path, props);
            Assembled last = lasts.get(path);
            boolean clean;
            if (last != null
                    && last.clean()
                    && (parsed.blockIds().isEmpty()
                            || java.util.Collections.disjoint(parsed.blockIds(), unsettledIds))) {
                clean = true; // its ids are its own, as they were
            } else {
                clean = BlockIds.firstUse(parsed.blockIds(), seenIds, path);
            }
            List<Block> blocks =
                    clean
                            ? parsed.blocks()
                            : BlockIds.dedupe(parsed.blocks(), seenIds, path, warnings);
            Page page;
            // (a page that was not clean then had ids taken out of its blocks)
            if (last != null && last.clean() && clean && last.page().published() == published) {
                page = last.page();
            } else {
                last = null;
                List<String> tags = pageList(props, "tags");
                List<String> aliases = pageList(props, "alias");
                page =
                        new Page(
                                n.name(),
                                path,
                                parsed.format(),
                                n.journalDay(),
                                published,
                                props,
                                tags,
                                aliases,
                                blocks,
                                propertyRefs(props, parsed.format()));
            }
            for (String alias : page.aliases()) {
                known.add(PageNames.identity(alias));
            }
            pages.add(page);
            parses.add(parsed);
            reused.add(last);
            assembled.put(path, new Assembled(parsed, config, page, w.getKey(), clean, null));
        }

        // A page that was taken over, when every name known then still is, asks for the same
        // pages as then, and only those it asked for in vain then can generate one now.
        boolean nothingUnknown = true;
        for (Assembled a : previous.values()) {
            if (!known.contains(a.identity())) {
                nothingUnknown = false;
                break;
            }
        }
        if (nothingUnknown) {
            for (Assembled a : previous.values()) {
                for (String alias : a.page().aliases()) {
                    if (!known.contains(PageNames.identity(alias))) {
                        nothingUnknown = false;
                        break;
                    }
                }
            }
        }
        LinkedHashMap<String, Generated> generated = new LinkedHashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            Assembled last = reused.get(i);
            List<Want> unknowns;
            if (nothingUnknown && last != null && last.unknowns() != null) {
                unknowns = last.unknowns();
                for (Want w : unknowns) {
                    want(w, known, generated);
                }
            } else {
                unknowns = new ArrayList<>();
                for (Want w : calls(p, parses.get(i))) {
                    if (!want(w, known, generated)) {
                        unknowns.add(w);
                    }
                }
                unknowns = List.copyOf(unknowns);
            }
            Assembled a = assembled.get(p.file());
            assembled.put(
                    p.file(),
                    new Assembled(
                            a.parsed(), a.config(), a.page(), a.identity(), a.clean(), unknowns));
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
        List<String> paths = new ArrayList<>(inputs.size());
        List<ParsedFile> inputParses = new ArrayList<>(inputs.size());
        for (Input in : inputs) {
            paths.add(in.source().path());
            inputParses.add(in.parsed());
        }
        outcome =
                new Outcome(
                        paths,
                        inputParses,
                        List.copyOf(pages),
                        config,
                        warnings.size() != warnedBefore);
        return pages;
    }

    /** Generates the page {@code w} names, if no file page is it; true when one is. */
    private boolean want(Want w, Set<String> known, Map<String, Generated> out) {
        String name = w.name();
        String identity = w.identity();
        boolean published = w.published();
        boolean first = true;
        while (name != null && !name.isEmpty()) {
            if (identity == null) {
                identity = PageNames.identity(name);
            }
            if (identity.isEmpty()) {
                return first;
            }
            if (known.contains(identity)) {
                return first; // a file page: its own namespace parents are settled when it is
            }
            first = false;
            Generated g = out.get(identity);
            if (g == null) {
                out.put(identity, new Generated(name, published));
            } else if (published && !g.published) {
                g.published = true;
            } else {
                return false; // already generated with at least this visibility, parents too
            }
            name = journalDay(name).isPresent() ? null : PageNames.namespaceParent(name);
            identity = null;
        }
        return first;
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
}
