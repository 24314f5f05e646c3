package dev.draehi.store;

import dev.draehi.ConflictException;
import dev.draehi.ValidationException;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules a {@link WorkspaceContent} must follow to be stored, which every {@link Storage} checks
 * the same way before it writes: each node belongs to the workspace, no uuid and no path (in any
 * case) is there twice, a block comes after its parent, a route names a page and a reference comes
 * from a node of the content.
 *
 * <p>A broken rule throws what {@link NodeRepository#replaceAll} promises: {@link
 * ConflictException} for a uuid or a path given twice, {@link ValidationException} for the rest. A
 * backend of one's own calls it too:
 *
 * <pre>{@code
 * // replaceAll: the content stands alone
 * ContentValidator.checkAll(workspaceId, content);
 *
 * // replacePages: what the content names outside itself must stay
 * ContentValidator.Outside outside = ContentValidator.checkPages(workspaceId, content);
 * outside.requireKept(uuid -> keptNodes.containsKey(uuid), uuid -> keptPages.containsKey(uuid));
 *
 * // replaceAll in parts: each part stands alone, paths are unique across them
 * ContentValidator.Parts check = ContentValidator.parts(workspaceId);
 * parts.forEach(check::check);
 * check.finish();
 * }</pre>
 *
 * <p>What the rules cannot see is left to the backend's own keys: a new node whose uuid is that of
 * a kept node, or a route whose path a kept page has, is a {@link ConflictException} there too.
 */
public final class ContentValidator {
    private final long workspaceId;

    private ContentValidator(long workspaceId) {
        this.workspaceId = workspaceId;
    }

    /**
     * Checks content that replaces everything the workspace publishes: it must stand alone.
     *
     * @throws ValidationException when a node belongs to another workspace, a block comes before
     *     its parent (or its parent is not in the content), a route names no page of the content,
     *     or a reference comes from a node that is not in it
     * @throws ConflictException when a uuid or a path (in any case) is there twice
     */
    public static void checkAll(long workspaceId, WorkspaceContent content) {
        Objects.requireNonNull(content, "content");
        new ContentValidator(workspaceId).scan(content, true);
    }

    /**
     * Checks content that replaces some pages of the workspace. The parents, route pages and
     * reference sources that it names but does not contain must be nodes that stay: the result says
     * which, for {@link Outside#requireKept}.
     *
     * @throws ValidationException when a node belongs to another workspace, or a block comes before
     *     its parent
     * @throws ConflictException when a uuid or a path (in any case) is there twice
     */
    public static Outside checkPages(long workspaceId, WorkspaceContent content) {
        Objects.requireNonNull(content, "content");
        return new ContentValidator(workspaceId).scan(content, false);
    }

    /**
     * Checks {@code content}; what it names outside itself is an error at once when it must {@code
     * standAlone}, else the result.
     */
    private Outside scan(WorkspaceContent content, boolean standAlone) {
        List<Node> nodes = content.nodes();
        Set<String> uuids = new HashSet<>(nodes.size() * 2);
        Set<String> pages = new HashSet<>();
        Map<String, Node> orphans = new LinkedHashMap<>();
        for (Node n : nodes) {
            requireOwn(n);
            if (n.parentUuid() != null && !uuids.contains(n.parentUuid())) {
                if (standAlone) {
                    throw beforeParent(n);
                }
                orphans.putIfAbsent(n.parentUuid(), n);
            }
            requireNew(uuids, n);
            if (n.isPage()) {
                pages.add(n.uuid());
            }
        }
        Set<String> paths = new HashSet<>();
        Map<String, PageRoute> routesElsewhere = new LinkedHashMap<>();
        for (PageRoute r : content.routes()) {
            requireNewPath(paths, r);
            if (!pages.contains(r.pageUuid())) {
                if (standAlone) {
                    throw noPage(r);
                }
                routesElsewhere.putIfAbsent(r.pageUuid(), r);
            }
        }
        Set<String> sourcesElsewhere = new LinkedHashSet<>();
        for (Reference r : content.references()) {
            if (!uuids.contains(r.sourceUuid())) {
                if (standAlone) {
                    throw unknownSource(r.sourceUuid());
                }
                sourcesElsewhere.add(r.sourceUuid());
            }
        }
        return new Outside(orphans, routesElsewhere, sourcesElsewhere);
    }

    /**
     * A check of content that comes in parts (as {@link NodeRepository#replaceAll(long,
     * java.util.stream.Stream)} takes it): call {@link Parts#check} on each part as it comes, then
     * {@link Parts#finish}.
     */
    public static Parts parts(long workspaceId) {
        return new Parts(new ContentValidator(workspaceId));
    }

    /** What a content names but does not contain, which must be nodes that stay. */
    public static final class Outside {
        private final Map<String, Node> orphans;
        private final Map<String, PageRoute> routes;
        private final Set<String> sources;

        private Outside(
                Map<String, Node> orphans, Map<String, PageRoute> routes, Set<String> sources) {
            this.orphans = orphans;
            this.routes = routes;
            this.sources = sources;
        }

        /** Whether the content names nothing outside itself. */
        public boolean isEmpty() {
            return orphans.isEmpty() && routes.isEmpty() && sources.isEmpty();
        }

        /** The uuids of the nodes it names outside itself, for a backend to look up at once. */
        public Set<String> uuids() {
            Set<String> out = new LinkedHashSet<>(orphans.keySet());
            out.addAll(routes.keySet());
            out.addAll(sources);
            return Collections.unmodifiableSet(out);
        }

        /**
         * Checks that every node named outside the content stays in the workspace: a parent or a
         * reference source is a node that {@code keptNode} accepts, a route's page one that {@code
         * keptPage} accepts. A node that the replace removes does not stay.
         *
         * @throws ValidationException when one does not
         */
        public void requireKept(Predicate<String> keptNode, Predicate<String> keptPage) {
            Objects.requireNonNull(keptNode, "keptNode");
            Objects.requireNonNull(keptPage, "keptPage");
            for (Map.Entry<String, Node> e : orphans.entrySet()) {
                if (!keptNode.test(e.getKey())) {
                    throw beforeParent(e.getValue());
                }
            }
            for (Map.Entry<String, PageRoute> e : routes.entrySet()) {
                if (!keptPage.test(e.getKey())) {
                    throw noPage(e.getValue());
                }
            }
            for (String source : sources) {
                if (!keptNode.test(source)) {
                    throw unknownSource(source);
                }
            }
        }
    }

    /**
     * The check of a content that comes in parts: each part stands alone (a block comes after its
     * parent in the same part, a reference comes from a node of the same part); paths are unique
     * across the parts, and a route may name a page of any part.
     */
    public static final class Parts {
        private final ContentValidator v;
        private final Set<String> paths = new HashSet<>();
        private final Set<String> pages = new HashSet<>();
        private final List<PageRoute> routes = new ArrayList<>();

        private Parts(ContentValidator v) {
            this.v = v;
        }

        /**
         * Checks the next part; returns the uuids of its nodes, in order.
         *
         * @throws ValidationException when a node belongs to another workspace, a block comes
         *     before its parent or its parent is in another part, or a reference comes from a node
         *     that is not in the part
         * @throws ConflictException when a uuid is there twice in the part, or a path (in any case)
         *     in any parts
         */
        public Set<String> check(WorkspaceContent part) {
            Objects.requireNonNull(part, "part");
            Set<String> uuids = new LinkedHashSet<>(part.nodes().size() * 2);
            for (Node n : part.nodes()) {
                v.requireOwn(n);
                if (n.parentUuid() != null && !uuids.contains(n.parentUuid())) {
                    throw beforeParent(n);
                }
                v.requireNew(uuids, n);
                if (n.isPage()) {
                    pages.add(n.uuid());
                }
            }
            for (PageRoute r : part.routes()) {
                v.requireNewPath(paths, r);
                routes.add(r);
            }
            for (Reference r : part.references()) {
                if (!uuids.contains(r.sourceUuid())) {
                    throw new ValidationException(
                            "reference from node "
                                    + r.sourceUuid()
                                    + ", which is not in the same part");
                }
            }
            return Collections.unmodifiableSet(uuids);
        }

        /**
         * Checks what only the whole can show, after the last part: every route names a page of
         * some part.
         *
         * @throws ValidationException when a route names no page of the content
         */
        public void finish() {
            for (PageRoute r : routes) {
                if (!pages.contains(r.pageUuid())) {
                    throw noPage(r);
                }
            }
        }
    }

    private void requireOwn(Node n) {
        if (n.workspaceId() != workspaceId) {
            throw new ValidationException(
                    "node "
                            + n.uuid()
                            + " belongs to workspace "
                            + n.workspaceId()
                            + ", not "
                            + workspaceId);
        }
    }

    private void requireNew(Set<String> uuids, Node n) {
        if (!uuids.add(n.uuid())) {
            throw new ConflictException(
                    "duplicate node uuid " + n.uuid() + " in workspace " + workspaceId);
        }
    }

    private void requireNewPath(Set<String> paths, PageRoute r) {
        if (!paths.add(r.path().toLowerCase(Locale.ROOT))) {
            throw new ConflictException(
                    "duplicate page path '" + r.path() + "' in workspace " + workspaceId);
        }
    }

    private static ValidationException beforeParent(Node n) {
        return new ValidationException(
                "block "
                        + n.uuid()
                        + " of page '"
                        + n.pageName()
                        + "' comes before its parent "
                        + n.parentUuid());
    }

    private static ValidationException unknownSource(String uuid) {
        return new ValidationException("reference from unknown node " + uuid);
    }

    private static ValidationException noPage(PageRoute r) {
        return new ValidationException(
                "route '" + r.path() + "' names " + r.pageUuid() + ", no page of the content");
    }
}
