package dev.vscmirror.export.cli;

import dev.vscmirror.export.transfer.ImportOptions;
import dev.vscmirror.export.transfer.Importer;
import dev.vscmirror.export.transfer.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Verify a bundle and import it into a store: blobs first, then rows. Idempotent and resumable.",
                "The mirror must be stopped while importing (it holds the store); start it again afterwards."})
final class ImportBundleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin
    DataDirOption dataDir;

    @Parameters(index = "0", paramLabel = "BUNDLE_DIR")
    Path bundle;

    @Option(names = "--trust", paramLabel = "PUBKEY", description = {"Refuse the bundle unless signed with this Ed25519 public key.",
                    "Without it, <data>/import-trust.pub, when present, is required the same way."})
    Path trust;

    @Option(names = "--dry-run", description = "Check everything and report what would be imported; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            Importer.Result r = new Importer(System.err).importBundle(
                    new ImportOptions(bundle, dataDir.resolve(), trust, dryRun));
            if (r.note() != null) {
                out.println(r.note());
            }
            out.printf("bundle %s from store %s (sequences %d..%d): %d exchanges, %d derived rows, %d blobs %s, %d already present%n",
                    bundle, r.manifest().storeId(), r.manifest().sinceSequence() + 1, r.manifest().toSequence(),
                    r.exchanges(), r.derivedRows(), r.blobsWritten(), dryRun ? "to write" : "written", r.blobsPresent());
            long files = r.manifest().files().size() + 1;
            out.println(Progress.summary(dryRun ? "checked" : "imported", files, r.bytesRead(), r.seconds()));
            return 0;
        });
    }
}
