package dev.vscmirror.export.cli;

import dev.vscmirror.export.bundle.BundleFiles;
import dev.vscmirror.export.bundle.BundleVerifier;
import dev.vscmirror.export.bundle.Manifest;
import dev.vscmirror.export.transfer.Progress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a bundle (no store needed): manifest, every file's size and SHA-256, every blob after "
                + "reassembly, and the signature with --trust. Exit 0 only if everything holds.")
final class VerifyBundleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE_DIR")
    Path bundle;

    @Option(names = "--trust", paramLabel = "PUBKEY", description = "Ed25519 public key the bundle must be signed with.")
    Path trust;

    /** Total part bytes for the progress line; 0 when the manifest cannot be read (verify then says why). */
    private static long partBytes(Path bundle) {
        try {
            return Manifest.parse(Files.readAllBytes(bundle.resolve(BundleFiles.MANIFEST))).parts().stream()
                    .mapToLong(f -> f.size()).sum();
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            Progress progress = new Progress("verify", partBytes(bundle), System.err);
            BundleVerifier.Result r = BundleVerifier.verify(bundle, trust, progress);
            r.problems().forEach(p -> out.println("PROBLEM " + p));
            long bytes = r.manifest() == null ? 0 : r.manifest().files().stream().mapToLong(f -> f.size()).sum();
            long files = r.manifest() == null ? 0 : r.manifest().files().size() + 1;
            out.printf("%s: %s, signature %s, %d problems%n", r.ok() ? "OK" : "FAILED", bundle, r.signature(),
                    r.problems().size());
            out.println(Progress.summary("verified", files, bytes, progress.seconds()));
            return r.ok() && Files.isDirectory(bundle) ? 0 : 1;
        });
    }
}
