package dev.vscmirror.record;

import dev.vscmirror.upstream.BodyReceiver;
import dev.vscmirror.upstream.UpstreamException;
import dev.vscmirror.upstream.UpstreamResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CompletableFuture;

/**
 * Streams one upstream body to the client and, when recording, into a {@link BlobTee}, with backpressure: upstream
 * has auto-read off and the next read is requested only while fewer than {@link #MAX_IN_FLIGHT} chunks are still
 * being written to the client socket or the disk (protocol-independent; the netty HexDumpProxy pattern with a
 * second consumer). Nothing is aggregated. All state lives on the upstream connection's event loop.
 *
 * <p>The client going away stops client writes; a recording then keeps reading upstream to completion (each read
 * bounded by the upstream read timeout), a plain relay aborts upstream.
 */
final class BodyTee implements BodyReceiver {
    /** Chunks (each at most the upstream codec's 64 KiB) written to the client or the disk but not yet done. */
    static final int MAX_IN_FLIGHT = 8;

    /** How the body ended. */
    enum End { COMPLETE, UPSTREAM_FAILED, CLIENT_GONE }

    private final UpstreamResponse upstream;
    private final ChannelHandlerContext client;
    private final BlobTee disk; // null: relay only
    private final EventLoop loop;
    private final CompletableFuture<End> ended = new CompletableFuture<>();
    private final CompletableFuture<Void> clientDone = new CompletableFuture<>();
    private final ChannelFutureListener clientClosed;
    private int inFlight;
    private boolean readOutstanding;
    private boolean done;
    private boolean clientGone;
    private long bytes;

    BodyTee(UpstreamResponse upstream, ChannelHandlerContext client, BlobTee disk) {
        this.upstream = upstream;
        this.client = client;
        this.disk = disk;
        this.loop = upstream.eventLoop();
        this.clientClosed = f -> onLoop(this::clientGone);
    }

    /** Starts streaming (call on the upstream event loop) and completes when the body ended. */
    CompletableFuture<End> start() {
        client.channel().closeFuture().addListener(clientClosed);
        upstream.subscribe(this);
        maybeRead();
        return ended;
    }

    /**
     * Completes when the client has everything it will get: the last write finished (writes are ordered, so all
     * earlier ones did too), or the client connection is gone or was closed. The server may then close or reuse it.
     */
    CompletableFuture<Void> clientDone() {
        return clientDone;
    }

    /** Body bytes received from upstream so far. */
    long bytes() {
        return bytes;
    }

    @Override
    public void onContent(ByteBuf data) {
        readOutstanding = false;
        if (done) {
            data.release();
            return;
        }
        bytes += data.readableBytes();
        Chunk chunk = new Chunk((clientGone ? 0 : 1) + (disk == null ? 0 : 1));
        if (chunk.pending > 0) {
            inFlight++;
        }
        if (disk != null) {
            disk.write(data.retainedDuplicate(), () -> onLoop(chunk::partDone));
        }
        if (clientGone) {
            data.release();
        } else {
            client.writeAndFlush(new DefaultHttpContent(data)).addListener(f -> {
                if (!f.isSuccess()) {
                    onLoop(this::clientGone);
                }
                onLoop(chunk::partDone);
            });
        }
        maybeRead();
    }

    @Override
    public void onComplete() {
        if (done) {
            return;
        }
        if (clientGone) {
            clientDone.complete(null);
        } else {
            client.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> clientDone.complete(null));
        }
        finish(End.COMPLETE);
    }

    @Override
    public void onError(UpstreamException cause) {
        if (done) {
            return;
        }
        if (!clientGone) {
            // The head (and maybe bytes) already went out: closing is the only way to tell the client it is short.
            client.close();
        }
        clientDone.complete(null);
        finish(End.UPSTREAM_FAILED);
    }

    private void clientGone() {
        if (clientGone) {
            return;
        }
        clientGone = true;
        clientDone.complete(null);
        if (!done && disk == null) {
            upstream.abort(); // nothing to finish for: stop pulling upstream bytes nobody wants
            finish(End.CLIENT_GONE);
        }
    }

    private void finish(End how) {
        done = true;
        client.channel().closeFuture().removeListener(clientClosed);
        ended.complete(how);
    }

    private void maybeRead() {
        if (!done && !readOutstanding && inFlight < MAX_IN_FLIGHT) {
            readOutstanding = true;
            upstream.request();
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** One body chunk still being written to {@code pending} sinks. */
    private final class Chunk {
        private int pending;

        Chunk(int pending) {
            this.pending = pending;
        }

        void partDone() {
            if (--pending == 0) {
                inFlight--;
                maybeRead();
            }
        }
    }
}
