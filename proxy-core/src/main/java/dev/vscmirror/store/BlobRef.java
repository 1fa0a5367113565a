package dev.vscmirror.store;

/**
 * A committed blob: its SHA-256 (64 lower-case hex digits) and size in bytes.
 */
public record BlobRef(String sha256, long size) {
    public BlobRef {
        Blobs.checkDigest(sha256);
        if (size < 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
        }
    }
}
