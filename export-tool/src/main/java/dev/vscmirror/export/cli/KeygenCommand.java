package dev.vscmirror.export.cli;

import dev.vscmirror.export.sign.Ed25519Keys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Create an Ed25519 key pair for signing bundles: keep the .key online, carry the .pub offline.")
final class KeygenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the key pair.")
    Path out;

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            Path priv = Ed25519Keys.generate(out);
            spec.commandLine().getOut().printf("private key %s (keep it secret; use with export --sign)%n"
                    + "public key  %s (give it to the offline side: verify/import --trust)%n", priv,
                    out.resolve(Ed25519Keys.PUBLIC_FILE));
            return 0;
        });
    }
}
