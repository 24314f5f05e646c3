package dev.draehi.bench;

import picocli.CommandLine;

/** Runs the benchmark suite: {@code ./draehi bench [options]} starts this class. */
public final class BenchMain {
    /** Exit code: bad arguments or an unreachable database. */
    static final int EXIT_USAGE = 2;

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the suite with command-line {@code args} and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    cmd.getErr().println("draehi bench: " + e);
                    return EXIT_USAGE;
                });
        return cli.execute(args);
    }
}
