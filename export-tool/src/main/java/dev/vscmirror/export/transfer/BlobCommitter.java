package dev.vscmirror.export.transfer;

import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commits imported blobs (fsync, rename, directory fsync) on {@link #THREADS} background threads, so that the
 * import reads and hashes the next blob while earlier ones reach the disk, and so that the file system can
 * group concurrent fsyncs into one journal commit (one fsync per blob, one after the other, made the import
 * several times slower than {@code cp}). At most {@link #MAX_PENDING} commits wait.
 * {@link #await} returns the digest problems and throws the first other failure (e.g. disk full).
 */
final class BlobCommitter implements AutoCloseable {
    private static final int THREADS = 8;
    private static final int MAX_PENDING = 32;
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "import-blob-commit");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final List<String> problems = new ArrayList<>();
    private final AtomicLong committed = new AtomicLong();
    private RuntimeException failure;

    /**
     * Hands the writer over (the caller must not touch it again); the commit happens later. {@code where}
     * names the part files the blob came from, for the problem line.
     */
    void commit(BlobWriter writer, String sha256, String where) throws InterruptedException {
        pending.acquire();
        executor.execute(() -> {
            try {
                writer.commitExpecting(sha256);
                committed.incrementAndGet();
            } catch (StoreException e) {
                synchronized (this) {
                    if (e.getMessage().startsWith("blob bytes have SHA-256")) {
                        problems.add(where + ": corrupted blob " + sha256 + ": " + e.getMessage());
                    } else if (failure == null) {
                        failure = e;
                    }
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            } finally {
                pending.release();
            }
        });
    }

    /** Waits for every commit; returns digest problems, throws the first other failure. */
    List<String> await() throws InterruptedException {
        executor.shutdown();
        while (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            // keep waiting: a commit is an fsync, it ends
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            return List.copyOf(problems);
        }
    }

    long committed() {
        return committed.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
