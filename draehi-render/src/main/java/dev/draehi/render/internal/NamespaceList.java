package dev.draehi.render.internal;

import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.render.node.Namespace;
import dev.draehi.render.node.PageRef;
import java.util.HashMap;
import java.util.TreeMap;
import org.commonmark.node.BulletList;
import org.commonmark.node.ListItem;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;

/** The list a {@code {{namespace}}} macro shows. */
final class NamespaceList {
    private NamespaceList() {}

    /**
     * Fills a {@code {{namespace root}}} with the published pages under its root, nested by name.
     */
    static void fill(Namespace m, RenderSession s) {
        String root = m.getRoot();
        TreeMap<String, Page> children = new TreeMap<>();
        for (Page p : s.context.namespace(root)) {
            children.put(p.identity(), p);
        }
        Paragraph title = new Paragraph();
        PageRef rootRef = new PageRef(root);
        rootRef.setUrl(s.pageUrl(root));
        title.appendChild(rootRef);
        m.appendChild(title);
        // Nest by name: a/b/c goes under a/b when a/b is published, else directly under the root.
        BulletList top = new BulletList();
        top.setTight(true);
        HashMap<String, BulletList> listOf = new HashMap<>();
        for (Page p : children.values()) {
            ListItem item = new ListItem();
            Paragraph para = new Paragraph();
            String label =
                    p.name().contains("/")
                            ? p.name().substring(p.name().lastIndexOf('/') + 1)
                            : p.name();
            PageRef ref = new PageRef(p.name());
            ref.appendChild(new Text(label));
            ref.setUrl(s.pageUrl(p.name()));
            para.appendChild(ref);
            item.appendChild(para);
            String parent = PageNames.namespaceParent(p.identity());
            BulletList target = parent == null ? null : listOf.get(parent);
            (target == null ? top : target).appendChild(item);
            BulletList sub = new BulletList();
            sub.setTight(true);
            listOf.put(p.identity(), sub);
            item.appendChild(sub);
        }
        for (BulletList l : listOf.values()) {
            if (l.getFirstChild() == null) {
                l.unlink();
            }
        }
        if (top.getFirstChild() != null) {
            m.appendChild(top);
        }
    }
}
