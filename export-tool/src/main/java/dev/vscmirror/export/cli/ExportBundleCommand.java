package dev.vscmirror.export.cli;

import dev.vscmirror.export.bundle.BundleFiles;
import dev.vscmirror.export.transfer.ExportOptions;
import dev.vscmirror.export.transfer.Exporter;
import dev.vscmirror.export.transfer.Progress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a bundle of the store (works while the mirror runs: the store is opened read-only).",
                "The watermark (<data>/export-state.json) moves only after the bundle was written and read back."})
final class ExportBundleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin
    DataDirOption dataDir;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE_DIR", description = "New (or empty) bundle directory.")
    Path out;

    @Option(names = "--since", paramLabel = "last|all|SEQ", defaultValue = "last",
            description = "last: what changed since the previous export (default); all: everything; SEQ: after that sequence.")
    String since;

    @Option(names = "--part-size", paramLabel = "SIZE", defaultValue = "4294967295",
            description = "Largest part file, bytes or with K/M/G suffix (default 4 GiB - 1, for FAT32).")
    String partSize;

    @Option(names = "--sign", paramLabel = "KEY", description = "Sign manifest.json with this Ed25519 private key (see keygen).")
    Path signKey;

    @Option(names = "--include", paramLabel = "PATTERN", arity = "1..*",
            description = "Only exchanges whose host or extension id (publisher.name) matches a glob; such a bundle is "
                    + "partial (no derived rows, the watermark does not move).")
    List<String> includes = new ArrayList<>();

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            PrintStream err = System.err;
            Exporter.Result r = new Exporter(err).export(new ExportOptions(dataDir.resolve(), out, since,
                    parseSize(partSize), signKey, includes), Failures.version());
            var m = r.manifest();
            spec.commandLine().getOut().printf("bundle %s: store %s, sequences %d..%d, %d exchanges, %d derived rows, "
                            + "%d blobs carried, %d expected from earlier bundles%s%s%n", out, m.storeId(),
                    m.sinceSequence() + 1, m.toSequence(), m.counts().exchanges(), m.counts().derivedRows(),
                    m.counts().blobsCarried(), m.counts().blobsExpected(), signKey != null ? ", signed" : "",
                    r.watermarkMoved() ? "" : ", partial: watermark not moved");
            spec.commandLine().getOut().println(Progress.summary("exported", r.files(), r.bytes(), r.seconds()));
            return 0;
        });
    }

    static long parseSize(String text) {
        String t = text.trim().toUpperCase();
        long mult = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            mult = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                default -> 1024L * 1024 * 1024;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * mult;
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--part-size: " + text + " (expected: a positive size such as 4294967295, 700M, 2G; default "
                    + BundleFiles.DEFAULT_PART_SIZE + ")");
        }
    }
}
