package dev.vscmirror.export.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Packs blobs into part files of at most {@code partSize} bytes, one after the other, splitting a blob
 * where a part is full. Computes each part's SHA-256 while writing, fsyncs every part, and reads every
 * part back from the file on a second thread ({@link ReadBackHasher}): a part whose bytes on disk do not
 * hash like what was written fails the export. Blocking I/O.
 */
public final class PartWriter implements AutoCloseable {
    private static final int BUFFER = 1 << 20;
    private final Path dir;
    private final long partSize;
    private final LongConsumer progress;
    private final List<FileEntry> parts = new ArrayList<>();
    private final byte[] buffer = new byte[BUFFER];
    private FileChannel part;
    private MessageDigest partDigest;
    private long partPosition;
    private long written;
    private final java.util.concurrent.ExecutorService readBack = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bundle-read-back");
        t.setDaemon(true);
        return t;
    });
    private ReadBackHasher hasher;

    public PartWriter(Path dir, long partSize, LongConsumer progress) {
        if (partSize < 1) {
            throw new IllegalArgumentException("partSize: " + partSize + " (expected: > 0)");
        }
        this.dir = dir;
        this.partSize = partSize;
        this.progress = progress;
    }

    /** Appends the blob stored in {@code source}, which must hold exactly {@code size} bytes. */
    public BlobEntry add(Path source, String sha256, long size) throws IOException {
        List<BlobEntry.Piece> pieces = new ArrayList<>();
        long copied = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            if (in.size() != size) {
                throw new BundleException("blob " + source + " has " + in.size() + " bytes, the store says " + size
                        + " (run vscmirror store verify)");
            }
            long pieceStart = -1;
            while (copied < size) {
                ensurePart();
                if (pieceStart < 0) {
                    pieceStart = partPosition;
                }
                int want = (int) Math.min(BUFFER, Math.min(size - copied, partSize - partPosition));
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, want);
                while (bb.hasRemaining()) {
                    if (in.read(bb) < 0) {
                        throw new BundleException("blob " + source + " ended early at " + (copied + bb.position()));
                    }
                }
                partDigest.update(buffer, 0, want);
                bb.flip();
                while (bb.hasRemaining()) {
                    part.write(bb);
                }
                copied += want;
                partPosition += want;
                hasher.written(partPosition);
                written += want;
                progress.accept(written);
                if (partPosition == partSize || copied == size) {
                    pieces.add(new BlobEntry.Piece(currentPartName(), pieceStart, partPosition - pieceStart));
                    pieceStart = -1;
                }
                if (partPosition == partSize) {
                    closePart();
                }
            }
        }
        return new BlobEntry(sha256, size, pieces);
    }

    private void ensurePart() throws IOException {
        if (part == null) {
            String name = BundleFiles.partName(parts.size() + 1);
            part = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            partDigest = Digests.sha256();
            partPosition = 0;
            hasher = new ReadBackHasher(dir.resolve(name), readBack);
        }
    }

    private String currentPartName() {
        return BundleFiles.partName(parts.size() + 1);
    }

    private void closePart() throws IOException {
        part.force(true);
        part.close();
        part = null;
        String sha = Digests.hex(partDigest);
        String onDisk = hasher.finish(partPosition);
        hasher = null;
        if (!onDisk.equals(sha)) {
            throw new BundleException("part " + currentPartName() + " did not read back as written (SHA-256 "
                    + onDisk + " on disk, " + sha + " written); check the target medium");
        }
        parts.add(new FileEntry(currentPartName(), partPosition, sha));
    }

    /** Closes the last part; returns every part's manifest entry (none when no blob was added). */
    public List<FileEntry> finish() throws IOException {
        if (part != null) {
            closePart();
        }
        return List.copyOf(parts);
    }

    public long bytesWritten() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (hasher != null) {
            hasher.cancel();
            hasher = null;
        }
        readBack.shutdownNow();
        if (part != null) {
            part.close();
            part = null;
        }
    }
}
