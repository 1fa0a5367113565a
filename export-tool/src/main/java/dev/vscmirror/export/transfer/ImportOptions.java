package dev.vscmirror.export.transfer;

import java.nio.file.Path;

/**
 * What to import.
 *
 * @param bundle   the bundle directory
 * @param dataDir  the target store's data directory (created when missing)
 * @param trustKey Ed25519 public key the bundle must be signed with, or null
 * @param dryRun   check everything and say what would change, write nothing
 */
public record ImportOptions(Path bundle, Path dataDir, Path trustKey, boolean dryRun) {
}
