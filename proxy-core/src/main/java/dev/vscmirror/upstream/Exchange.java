package dev.vscmirror.upstream;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** State of one request/response on an {@link UpstreamConnection}; confined to the connection's event loop. */
final class Exchange {
    final CompletableFuture<UpstreamResponse> head;
    UpstreamResponse response;
    BodyReceiver receiver;
    /** Body bytes that arrived before the consumer subscribed (at most one read's worth). */
    final ArrayDeque<ByteBuf> buffered = new ArrayDeque<>(2);
    boolean bufferedComplete;
    UpstreamException bufferedError;
    boolean ended;
    /** Skipping a 1xx interim response. */
    boolean interim;
    boolean keepAlive;
    /** A read is outstanding since {@link #awaitingSince} (the read timeout runs only then). */
    boolean awaiting;
    long awaitingSince;
    long bodyBytes;
    ScheduledFuture<?> timer;

    Exchange(CompletableFuture<UpstreamResponse> head) {
        this.head = head;
    }

    void end() {
        ended = true;
        awaiting = false;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void releaseBuffered() {
        ByteBuf b;
        while ((b = buffered.poll()) != null) {
            b.release();
        }
    }
}
