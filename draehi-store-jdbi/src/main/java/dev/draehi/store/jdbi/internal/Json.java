package dev.draehi.store.jdbi.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.draehi.StorageException;
import dev.draehi.model.NodeMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON columns: {@code nodes.metadata} ({@code
 * {"tags":[],"properties":{},"frontmatter":{},"draehi":{…}}}, the seed's three keys plus draehi's
 * attributes) and {@code deployment_history.build_log} (an array of strings).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {}

    /** The metadata as JSON text. */
    public static String metadata(NodeMetadata m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeMetadata(m, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the metadata as UTF-8 JSON to {@code out}; keys sorted, so output is stable. */
    public static void writeMetadata(NodeMetadata m, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("tags");
            for (String t : m.tags()) {
                g.writeString(t);
            }
            g.writeEndArray();
            writeMap(g, "properties", m.properties());
            writeMap(g, "frontmatter", m.frontmatter());
            writeMap(g, "draehi", m.attributes());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMap(JsonGenerator g, String name, Map<String, String> map)
            throws IOException {
        g.writeObjectFieldStart(name);
        Map<String, String> sorted = map.size() > 1 ? new TreeMap<>(map) : map;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Reads stored metadata; {@code null} or {@code {}} is empty metadata. */
    public static NodeMetadata readMetadata(String json) {
        if (json == null || json.isEmpty()) {
            return NodeMetadata.EMPTY;
        }
        JsonNode root = tree(json, "nodes.metadata");
        if (!root.isObject()) {
            return NodeMetadata.EMPTY;
        }
        List<String> tags = new ArrayList<>();
        JsonNode t = root.get("tags");
        if (t != null && t.isArray()) {
            t.forEach(n -> tags.add(text(n)));
        }
        return new NodeMetadata(
                tags,
                map(root.get("properties")),
                map(root.get("frontmatter")),
                map(root.get("draehi")));
    }

    private static Map<String, String> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), text(e.getValue()));
            }
        }
        return out;
    }

    // the seed allowed any JSON value in properties; draehi reads non-strings as their JSON text
    private static String text(JsonNode n) {
        return n.isTextual() ? n.textValue() : n.toString();
    }

    /** The build log as a JSON array. */
    public static String buildLog(List<String> lines) {
        try {
            return MAPPER.writeValueAsString(lines == null ? List.of() : lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stored build log; {@code null} is an empty log. */
    public static List<String> readBuildLog(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        JsonNode root = tree(json, "deployment_history.build_log");
        List<String> out = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(n -> out.add(text(n)));
        }
        return out;
    }

    private static JsonNode tree(String json, String column) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new StorageException("unreadable JSON in " + column + ": " + e.getMessage(), e);
        }
    }
}
