package dev.vscmirror.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vscmirror} command line: the root command that holds every subcommand. */
@Command(name = "vscmirror", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Record/replay mirror of VS Code's Marketplace, update service and CDNs.",
        subcommands = {CommandLine.HelpCommand.class, StoreCommand.class})
public final class VscMirrorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new VscMirrorCommand()).execute(args));
    }
}
