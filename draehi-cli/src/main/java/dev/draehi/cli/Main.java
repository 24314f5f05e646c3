package dev.draehi.cli;

import dev.draehi.model.Redaction;
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

    public static void main(String[] args) {
        System.exit(run(args));
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
