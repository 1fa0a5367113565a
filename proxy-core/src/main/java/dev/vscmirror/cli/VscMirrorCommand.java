package dev.vscmirror.cli;

import dev.vscmirror.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vscmirror} command line: the root command that holds every subcommand.
 * Exit codes: 0 ok, 1 failure, 2 bad usage or bad configuration.
 */
@Command(name = "vscmirror", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record/replay mirror of VS Code's Marketplace, update service and CDNs.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ConfigCommand.class,
            CaCommand.class,
            StoreCommand.class,
            ServeCommand.class,
        })
public final class VscMirrorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The command line with the project's error handling: what {@link #main} runs; tests use it too. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VscMirrorCommand());
        cl.setParameterExceptionHandler(VscMirrorCommand::onBadUsage);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // An unexpected failure: one line naming it (no stack trace for users), exit 1.
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + ex);
            line.getErr().flush();
            return 1;
        });
        return cl;
    }

    private static int onBadUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        if (!(ex.getCause() instanceof ConfigException)) { // ConfigOptions already printed the problems
            err.println(line.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return 2;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
