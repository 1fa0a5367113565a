package dev.vscmirror.export.bundle;

import java.util.List;

/**
 * Where a blob lives in a bundle: its SHA-256 and size, and the pieces that make it up, in order. A blob
 * larger than the room left in a part continues at offset 0 of the next part.
 */
public record BlobEntry(String sha256, long size, List<Piece> pieces) {
    public BlobEntry {
        pieces = List.copyOf(pieces);
    }

    /** {@code length} bytes at {@code offset} of part file {@code part}. */
    public record Piece(String part, long offset, long length) {
    }
}
