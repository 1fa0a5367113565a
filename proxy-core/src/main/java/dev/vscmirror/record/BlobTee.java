package dev.vscmirror.record;

import dev.vscmirror.store.BlobRef;
import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.ContentStore;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The disk half of the tee for one response: body chunks are appended to a {@link BlobWriter} (which keeps the
 * running SHA-256) on the disk executor, in order, one task at a time. A failed write is remembered and turns the
 * commit into a failure: the client still gets its bytes, the recording is dropped (issue 3: never partial).
 */
final class BlobTee {
    private final ContentStore store;
    private final SerialExecutor disk;
    private BlobWriter writer; // disk thread only
    private RuntimeException failure; // disk thread only

    BlobTee(ContentStore store, Executor diskExecutor) {
        this.store = store;
        this.disk = new SerialExecutor(diskExecutor);
    }

    /** Appends {@code data} (ownership taken), then runs {@code written} (on the disk thread), even on failure. */
    void write(ByteBuf data, Runnable written) {
        submit(() -> {
            try {
                if (failure == null) {
                    if (writer == null) {
                        writer = store.newBlob();
                    }
                    for (ByteBuffer b : data.nioBuffers()) {
                        writer.write(b);
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
                abortWriter();
            } finally {
                data.release();
                written.run();
            }
        }, () -> {
            data.release();
            written.run();
        });
    }

    /**
     * Commits the blob (fsync + atomic rename) and hands the result to {@code then} on the disk thread: the
     * {@link BlobRef}, or null for an empty body. {@code onFailure} gets the reason when a write or the commit failed.
     */
    void commit(Consumer<BlobRef> then, Consumer<RuntimeException> onFailure) {
        submit(() -> {
            if (failure != null) {
                onFailure.accept(failure);
                return;
            }
            BlobRef ref;
            try {
                ref = writer == null ? null : writer.commit();
            } catch (RuntimeException e) {
                onFailure.accept(e);
                return;
            }
            then.accept(ref);
        }, () -> onFailure.accept(new IllegalStateException("disk executor shut down before the commit")));
    }

    /** Drops the temp blob (upstream failed: nothing partial is ever committed). */
    void abort() {
        submit(this::abortWriter, () -> { });
    }

    private void abortWriter() {
        if (writer != null) {
            writer.abort();
            writer = null;
        }
    }

    private void submit(Runnable task, Runnable ifRejected) {
        try {
            disk.execute(task);
        } catch (RejectedExecutionException e) {
            ifRejected.run();
        }
    }
}
