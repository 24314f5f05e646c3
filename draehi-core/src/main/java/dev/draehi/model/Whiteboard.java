package dev.draehi.model;

import dev.draehi.edn.EdnReader;
import dev.draehi.edn.EdnReader.Keyword;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Logseq whiteboard ({@code whiteboards/*.edn}) as its file stores it: {@code {:blocks […] :pages
 * […]}}, each shape a block with {@code :block/properties {:ls-type :whiteboard-shape
 * :logseq.tldraw.shape {…}}} (older files keep the shape's keys in the properties themselves), the
 * page with {@code :logseq.tldraw.page {:assets […]}}.
 *
 * <pre>{@code
 * Whiteboard wb = Whiteboard.read(Files.readString(path));
 * for (Whiteboard.Shape s : wb.shapes()) { … s.type() … s.point() … }
 * }</pre>
 *
 * @param title the page's {@code :block/original-name}, or null
 * @param shapes the shapes, in the file's order (the order tldraw paints them)
 * @param assets asset id → its {@code :src} (such as {@code ../assets/image.png})
 */
public record Whiteboard(String title, List<Shape> shapes, Map<String, String> assets) {
    /**
     * The hidden block property under which a whiteboard page's first block carries the file's text
     * (every {@code logseq.*} property is hidden).
     */
    public static final String PROPERTY = "logseq.tldraw.whiteboard";

    /** The most shapes read from one whiteboard. */
    public static final int MAX_SHAPES = 5_000;

    public Whiteboard {
        shapes = List.copyOf(shapes);
        assets = Map.copyOf(assets);
    }

    /**
     * One tldraw shape: its {@code :type} ({@code box}, {@code ellipse}, {@code text}, {@code
     * line}, {@code pencil}, {@code highlighter}, {@code image}, {@code logseq-portal}, …) and its
     * other keys by name.
     */
    public record Shape(String type, Map<String, Object> props) {
        public Shape {
            props = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(props));
        }

        /** A string key, or null. */
        public String string(String key) {
            Object v = props.get(key);
            if (v instanceof String s) {
                return s;
            }
            return v instanceof Keyword k ? k.name() : null;
        }

        /** A finite number key, or {@code fallback}. */
        public double number(String key, double fallback) {
            return number(props.get(key), fallback);
        }

        /** A boolean key, false unless it is true. */
        public boolean flag(String key) {
            return Boolean.TRUE.equals(props.get(key));
        }

        /** A two-number vector key ({@code :point}, {@code :size}), or {@code fallback}. */
        public double[] pair(String key, double fallback) {
            return pair(props.get(key), fallback);
        }

        /** The {@code [x y]} points of a pencil or highlighter path, relative to its point. */
        public List<double[]> points() {
            List<double[]> out = new ArrayList<>();
            if (props.get("points") instanceof Collection<?> c) {
                for (Object p : c) {
                    if (out.size() >= 20_000) {
                        break;
                    }
                    double[] xy = pair(p, Double.NaN);
                    if (!Double.isNaN(xy[0]) && !Double.isNaN(xy[1])) {
                        out.add(xy);
                    }
                }
            }
            return out;
        }

        /** A line's handle ({@code start} or {@code end}) point, relative to its point. */
        public double[] handle(String name, double fallback) {
            if (props.get("handles") instanceof Map<?, ?> hs
                    && get(hs, name) instanceof Map<?, ?> h) {
                return pair(get(h, "point"), fallback);
            }
            return new double[] {fallback, fallback};
        }

        /** A line's decoration at {@code end} ({@code start} or {@code end}), such as "arrow". */
        public String decoration(String end) {
            if (props.get("decorations") instanceof Map<?, ?> d) {
                Object v = get(d, end);
                if (v instanceof String s) {
                    return s;
                }
                if (v instanceof Keyword k) {
                    return k.name();
                }
            }
            return null;
        }

        private static Object get(Map<?, ?> m, String key) {
            Object v = m.get(new Keyword(null, key));
            return v != null ? v : m.get(key);
        }

        private static double number(Object v, double fallback) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? d : fallback;
            }
            return fallback;
        }

        private static double[] pair(Object v, double fallback) {
            if (v instanceof List<?> l && l.size() >= 2) {
                return new double[] {number(l.get(0), fallback), number(l.get(1), fallback)};
            }
            return new double[] {fallback, fallback};
        }
    }

    /**
     * Reads a whiteboard file.
     *
     * @throws EdnReader.EdnException when the text is not EDN
     */
    public static Whiteboard read(String text) {
        Object form = EdnReader.readFirst(text);
        if (!(form instanceof Map<?, ?> file)) {
            return new Whiteboard(null, List.of(), Map.of());
        }
        String title = null;
        Map<String, String> assets = new LinkedHashMap<>();
        if (kw(file, "pages") instanceof Collection<?> pages) {
            for (Object p : pages) {
                if (!(p instanceof Map<?, ?> page)) {
                    continue;
                }
                if (title == null) {
                    Object n = kw(page, "block", "original-name");
                    title = n instanceof String s ? s : null;
                }
                if (kw(page, "block", "properties") instanceof Map<?, ?> props
                        && kw(props, "logseq.tldraw.page") instanceof Map<?, ?> tl
                        && kw(tl, "assets") instanceof Collection<?> as) {
                    for (Object a : as) {
                        if (a instanceof Map<?, ?> am
                                && kw(am, "id") instanceof String id
                                && kw(am, "src") instanceof String src) {
                            assets.put(id, src);
                        }
                    }
                }
            }
        }
        List<Shape> shapes = new ArrayList<>();
        if (kw(file, "blocks") instanceof Collection<?> blocks) {
            for (Object b : blocks) {
                if (shapes.size() >= MAX_SHAPES) {
                    break;
                }
                if (b instanceof Map<?, ?> block
                        && kw(block, "block", "properties") instanceof Map<?, ?> props
                        && isShape(kw(props, "ls-type"))) {
                    Object s = kw(props, "logseq.tldraw.shape");
                    Map<?, ?> shape = s instanceof Map<?, ?> m && !m.isEmpty() ? m : props;
                    Shape parsed = shape(shape);
                    if (parsed != null) {
                        shapes.add(parsed);
                    }
                }
            }
        }
        return new Whiteboard(title, shapes, assets);
    }

    private static boolean isShape(Object lsType) {
        return lsType instanceof Keyword k && k.name().equals("whiteboard-shape")
                || "whiteboard-shape".equals(lsType);
    }

    private static Shape shape(Map<?, ?> m) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            String name = k instanceof Keyword kw ? kw.name() : k instanceof String s ? s : null;
            if (name != null) {
                props.put(name, e.getValue());
            }
        }
        Object type = props.get("type");
        String t = type instanceof String s ? s : type instanceof Keyword k ? k.name() : null;
        return t == null ? null : new Shape(t, props);
    }

    private static Object kw(Map<?, ?> m, String name) {
        return m.get(new Keyword(null, name));
    }

    private static Object kw(Map<?, ?> m, String ns, String name) {
        return m.get(new Keyword(ns, name));
    }
}
