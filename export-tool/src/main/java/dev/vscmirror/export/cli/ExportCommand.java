package dev.vscmirror.export.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vscmirror-export} command line: bundles that carry a store across the air gap. */
@Command(name = "vscmirror-export", mixinStandardHelpOptions = true,
        description = "Export, verify, import and inspect vscmirror bundles.",
        subcommands = {ExportBundleCommand.class, VerifyBundleCommand.class, ImportBundleCommand.class,
                InspectCommand.class, KeygenCommand.class, WantsCommand.class, CommandLine.HelpCommand.class})
public final class ExportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExportCommand()).execute(args));
    }
}
