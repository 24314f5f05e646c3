package dev.draehi.cli;

import dev.draehi.model.Redaction;
import java.util.List;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code draehi} command line: publish, serve and migrate ({@code ./draehi bench} runs
 * draehi-bench).
 */
@Command(
        name = "draehi",
        mixinStandardHelpOptions = true,
        version = "draehi 0.1.0-SNAPSHOT",
        description = "Publishes Logseq graphs from git as websites.",
        subcommands = {PublishCommand.class, ServeCommand.class, MigrateCommand.class})
public final class Main implements Runnable {
    /** Exit code: a sync or publish failed. */
    static final int EXIT_FAILED = 1;

    /** Exit code: bad arguments, unreachable database, port in use: something the user must fix. */
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Also show the libraries' log lines (database migrations, pool, server).")
    boolean verbose;

    public static void main(String[] args) {
        quietLibraries(List.of(args).contains("--verbose"));
        System.exit(run(args));
    }

    /**
     * Routes java.util.logging (Liquibase's) through SLF4J, whose configuration in {@code
     * simplelogger.properties} shows libraries' warnings and errors only, or their INFO lines too
     * when {@code verbose}. Runs before any logger is made: the simple logger reads its levels
     * once.
     */
    static void quietLibraries(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    cmd.getErr().println("draehi: " + Redaction.describe(e));
                    return EXIT_USAGE;
                });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
