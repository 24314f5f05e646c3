package dev.draehi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * CPU time of PostgreSQL backends, read from {@code /proc} when the server runs on this machine:
 * the server's share of a measurement, which wall time on shared cores hides.
 */
final class BackendCpu {
    private static final double TICKS = 100.0;

    private BackendCpu() {}

    /**
     * CPU seconds of the backends named {@code app} ({@code ApplicationName}) so far, or NaN when
     * their processes cannot be read (a server elsewhere).
     */
    static double ofApplication(String url, String app) {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, app);
            double sum = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double s = ofPid(rs.getInt(1));
                    if (Double.isNaN(s)) {
                        return Double.NaN;
                    }
                    sum += s;
                }
            }
            return sum;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds of the backend of {@code c}, or NaN. */
    static double of(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return ofPid(rs.getInt(1));
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** User and system CPU seconds of process {@code pid}, or NaN. */
    static double ofPid(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            // the fields after the command name, which is in parentheses: utime is the 14th
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if (!"postgres".equals(command(stat))) {
                // a process of that number here is not the server's: the server is elsewhere
                return Double.NaN;
            }
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String command(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }
}
