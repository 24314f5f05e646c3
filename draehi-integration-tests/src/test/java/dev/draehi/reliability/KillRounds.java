package dev.draehi.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the kill tests share: the change of each round, the killed process's backends, logs. */
final class KillRounds {
    /** The pages whose last block names the round. */
    static final List<String> MARKER_PAGES = List.of("Calculator", "Cloze");

    private KillRounds() {}

    /** Round {@code n}: pages kill-1..kill-n exist, and each marker page ends with "round n". */
    static void modify(Path graph, int n) throws Exception {
        Files.writeString(graph.resolve("pages/kill-" + n + ".md"), "- kill page " + n + "\n");
        for (String name : MARKER_PAGES) {
            Path f = graph.resolve("pages/" + name + ".md");
            String text = Files.readString(f);
            int at = text.indexOf("\n- kill marker round ");
            if (at >= 0) {
                text = text.substring(0, at + 1);
            } else if (!text.endsWith("\n")) {
                text += "\n";
            }
            Files.writeString(f, text + "- kill marker round " + n + "\n");
        }
    }

    /** How many connections of the application {@code app} the server still has. */
    static int backends(String app) throws Exception {
        try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection(
                                dev.draehi.store.jdbi.testing.PostgresExtension.BASE_URL);
                java.sql.PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, app);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The last 4000 characters of a child's log, for a failed assertion. */
    static String log(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.ISO_8859_1);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
