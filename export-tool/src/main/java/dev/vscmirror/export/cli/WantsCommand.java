package dev.vscmirror.export.cli;

import dev.vscmirror.export.inspect.WantsFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "wants", mixinStandardHelpOptions = true,
        description = "Offline side: write the replay misses as a small JSON file to carry back online.")
final class WantsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin
    DataDirOption dataDir;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The wants file to write.")
    Path out;

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            int n = WantsFile.write(dataDir.resolve(), out);
            spec.commandLine().getOut().printf("wrote %s: %d misses%n", out, n);
            return 0;
        });
    }
}
