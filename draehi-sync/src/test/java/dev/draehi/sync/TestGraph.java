package dev.draehi.sync;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small graphs into a temp directory and reads them. */
final class TestGraph {
    private final Path root;

    TestGraph(Path root) {
        this.root = root;
    }

    TestGraph file(String path, String text) {
        return bytes(path, text.getBytes(StandardCharsets.UTF_8));
    }

    TestGraph bytes(String path, byte[] content) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestGraph config(String edn) {
        return file("logseq/config.edn", edn);
    }

    Path root() {
        return root;
    }

    Graph read() {
        return read(LogseqGraphReader.builder().build());
    }

    Graph read(LogseqGraphReader reader) {
        return reader.read(root, "0".repeat(40));
    }

    /** Parses one Markdown page and returns it. */
    static Page page(Path dir, String markdown) {
        Graph g = new TestGraph(dir).file("pages/p.md", markdown).read();
        return g.pages().stream()
                .filter(p -> "pages/p.md".equals(p.file()))
                .findFirst()
                .orElseThrow();
    }

    static Block only(Page p) {
        return p.flatBlocks().get(0);
    }
}
