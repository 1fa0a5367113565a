package dev.vscmirror.export.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a part file back from disk while it is being written, trailing the writer, and computes its SHA-256 on
 * another thread, so that the read-back costs no extra wall time on a machine with a spare core. The writer
 * publishes how many bytes it has written ({@link #written}); {@link #finish} waits for the last byte and
 * returns the digest of what the file holds.
 */
final class ReadBackHasher {
    private static final int BUFFER = 1 << 20;
    private final Path file;
    private final AtomicLong available = new AtomicLong();
    private volatile boolean closed;
    private final CompletableFuture<String> result;

    ReadBackHasher(Path file, Executor executor) {
        this.file = file;
        this.result = CompletableFuture.supplyAsync(this::run, executor);
    }

    void written(long bytes) {
        available.set(bytes);
    }

    /** Call after the writer closed (and fsynced) the file with {@code total} bytes; returns the file's SHA-256. */
    String finish(long total) throws IOException {
        available.set(total);
        closed = true;
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading back " + file, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read back " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops reading (the writer failed). */
    void cancel() {
        closed = true;
        result.cancel(false);
    }

    private String run() {
        MessageDigest digest = Digests.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            while (true) {
                boolean last = closed;
                long until = available.get();
                if (position < until) {
                    buffer.clear().limit((int) Math.min(BUFFER, until - position));
                    int n = in.read(buffer, position);
                    if (n < 0) {
                        throw new IOException(file + " is shorter than the " + until + " bytes written");
                    }
                    digest.update(buffer.array(), 0, n);
                    position += n;
                } else if (last) {
                    return Digests.hex(digest);
                } else {
                    LockSupport.parkNanos(1_000_000L);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
