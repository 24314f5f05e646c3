package dev.draehi.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code draehi bench} run, written as {@code report.md} (for people) and {@code
 * report.json} (for tools). A figure holds every measured value, its baseline from the same run
 * when there is one, and the goal from the performance issue with a pass or miss mark.
 */
final class BenchReport {
    /** One measured figure; {@code values} are all repetitions, in the order they were measured. */
    static final class Figure {
        final String id;
        final String name;
        final String unit;
        final List<Double> values = new ArrayList<>();
        String baselineName;
        Double baseline;
        String goal;
        Boolean pass;
        String note;

        Figure(String id, String name, String unit) {
            this.id = id;
            this.name = name;
            this.unit = unit;
        }

        Figure add(double v) {
            values.add(v);
            return this;
        }

        Figure baseline(String what, double value) {
            this.baselineName = what;
            this.baseline = value;
            return this;
        }

        /** The goal, met when the median is below {@code limit}. */
        Figure below(String goal, double limit) {
            this.goal = goal;
            this.pass = !values.isEmpty() && median() < limit;
            return this;
        }

        /** The goal, met when the median is at least {@code limit}. */
        Figure atLeast(String goal, double limit) {
            this.goal = goal;
            this.pass = !values.isEmpty() && median() >= limit;
            return this;
        }

        Figure goal(String goal, boolean met) {
            this.goal = goal;
            this.pass = met;
            return this;
        }

        Figure note(String note) {
            this.note = note;
            return this;
        }

        double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        double median() {
            return BenchReport.median(values.stream().mapToDouble(Double::doubleValue).toArray());
        }

        String mark() {
            return pass == null ? "" : pass ? "✅ pass" : "❌ miss";
        }
    }

    private final Map<String, Object> meta = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, List<String>> sections = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void meta(String key, Object value) {
        meta.put(key, value);
    }

    Figure figure(String id, String name, String unit) {
        Figure f = new Figure(id, name, unit);
        figures.add(f);
        return f;
    }

    /** The markdown lines of a section, created empty the first time. */
    List<String> section(String title) {
        return sections.computeIfAbsent(title, t -> new ArrayList<>());
    }

    void note(String line) {
        notes.add(line);
    }

    List<Figure> figures() {
        return figures;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("meta", meta);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id);
            m.put("name", f.name);
            m.put("unit", f.unit);
            m.put("values", f.values);
            if (!f.values.isEmpty()) {
                m.put("min", round(f.min()));
                m.put("median", round(f.median()));
                m.put("max", round(f.max()));
            }
            if (f.baseline != null) {
                m.put("baseline", Map.of("name", f.baselineName, "value", round(f.baseline)));
            }
            if (f.goal != null) {
                m.put("goal", f.goal);
                m.put("pass", f.pass);
            }
            if (f.note != null) {
                m.put("note", f.note);
            }
            out.add(m);
        }
        json.put("figures", out);
        json.put("notes", notes);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("report.json").toFile(), json);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# draehi benchmark report\n\n");
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            md.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
        }
        md.append('\n');
        for (String n : notes) {
            md.append("> ").append(n).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append('\n');
        }
        md.append("## Goals\n\n");
        md.append("| figure | unit | min | median | baseline (same run) | goal | mark |\n");
        md.append("|---|---|---:|---:|---|---|---|\n");
        long passed = 0;
        long judged = 0;
        for (Figure f : figures) {
            if (f.goal == null) {
                continue;
            }
            judged++;
            passed += Boolean.TRUE.equals(f.pass) ? 1 : 0;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %s | %s | %s |%n",
                            f.name,
                            f.unit,
                            num(f.min()),
                            num(f.median()),
                            f.baseline == null ? "" : f.baselineName + ": " + num(f.baseline),
                            f.goal,
                            f.mark()));
        }
        md.append(String.format(Locale.ROOT, "%n%d of %d goals met.%n%n", passed, judged));
        for (Map.Entry<String, List<String>> s : sections.entrySet()) {
            md.append("## ").append(s.getKey()).append("\n\n");
            for (String line : s.getValue()) {
                md.append(line).append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The nearest-rank percentile {@code p} (0..100) of sorted values. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
