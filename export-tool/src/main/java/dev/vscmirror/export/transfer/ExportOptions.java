package dev.vscmirror.export.transfer;

import java.nio.file.Path;
import java.util.List;

/**
 * What to export.
 *
 * @param dataDir  the store's data directory
 * @param out      the bundle directory to create (must not exist or be empty)
 * @param since    {@code last} (after the watermark), {@code all}, or a sequence number
 * @param partSize largest part file in bytes
 * @param signKey  Ed25519 private key file, or null for an unsigned bundle
 * @param includes host or extension-id globs; empty for everything
 */
public record ExportOptions(Path dataDir, Path out, String since, long partSize, Path signKey, List<String> includes) {
    public ExportOptions {
        includes = List.copyOf(includes);
    }
}
