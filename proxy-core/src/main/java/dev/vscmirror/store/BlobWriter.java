package dev.vscmirror.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Writes one body into the blob store: bytes go to a temp file with a running SHA-256;
 * {@link #commit()} fsyncs it and renames it atomically to its content address (deduplicated: an
 * existing blob with the same digest is kept and the temp file dropped).
 *
 * <p>Thread-confined: one thread at a time (callers run it on a disk executor). Blocking I/O.
 * {@link #close()} aborts a writer that was not committed.
 */
public final class BlobWriter implements AutoCloseable {
    private final Blobs blobs;
    private final Path temp;
    private final FileChannel channel;
    private final MessageDigest digest;
    private long size;
    private boolean finished;

    BlobWriter(Blobs blobs) {
        this.blobs = blobs;
        this.temp = blobs.tempDir().resolve(UUID.randomUUID() + ".tmp");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot create temp blob " + temp + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Appends the buffer's remaining bytes; the buffer's position advances to its limit. */
    public void write(ByteBuffer buffer) {
        checkOpen();
        ByteBuffer forDigest = buffer.duplicate();
        try {
            while (buffer.hasRemaining()) {
                size += channel.write(buffer);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write temp blob " + temp + ": " + e.getMessage(), e);
        }
        digest.update(forDigest);
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}. */
    public void write(byte[] b, int off, int len) {
        write(ByteBuffer.wrap(b, off, len));
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /**
     * Makes the blob durable under its content address and returns it. Afterwards the writer is
     * finished; a failure aborts it (the temp file is removed) and throws {@link StoreException}.
     */
    public BlobRef commit() {
        return commit(null);
    }

    /**
     * Like {@link #commit()}, but only if the bytes have the expected SHA-256; otherwise the writer is
     * aborted and {@link StoreException} says what arrived instead. Used where the digest is known in
     * advance (bundle import), so that wrong bytes never land in the store.
     */
    public BlobRef commitExpecting(String expectedSha256) {
        Blobs.checkDigest(expectedSha256);
        return commit(expectedSha256);
    }

    private BlobRef commit(String expected) {
        checkOpen();
        finished = true;
        String sha = HexFormat.of().formatHex(digest.digest());
        if (expected != null && !expected.equals(sha)) {
            closeQuietly();
            deleteTemp();
            throw new StoreException("blob bytes have SHA-256 " + sha + ", expected " + expected + " (" + size
                    + " bytes); not stored");
        }
        Path target = blobs.path(sha);
        try {
            channel.force(true);
            channel.close();
            if (blobs.size(sha) == size) {
                Files.delete(temp); // dedupe: the same bytes are already committed
                return new BlobRef(sha, size);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(temp);
            }
            Blobs.syncDirectory(target.getParent());
            return new BlobRef(sha, size);
        } catch (IOException e) {
            deleteTemp();
            throw new StoreException("cannot commit blob " + target + ": " + e.getMessage(), e);
        }
    }

    /** Drops what was written; no-op after commit or abort. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        closeQuietly();
        deleteTemp();
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a file we only wrote to; deleting it is what matters
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new StoreException("cannot delete temp blob " + temp + ": " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("blob writer " + temp.getFileName() + " already committed or aborted");
        }
    }
}
