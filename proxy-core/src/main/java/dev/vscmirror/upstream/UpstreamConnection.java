package dev.vscmirror.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One pooled upstream connection (the last handler of its pipeline) running at most one exchange at a time. All
 * state is confined to the channel's event loop; public entry points hop onto it. Auto-read is off: the handler
 * reads until the response head arrives, then only when the consumer asks ({@link UpstreamResponse#request()}).
 * The read timeout counts only while a read is outstanding, so a consumer that pauses (slow client, busy disk)
 * never trips it.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
    private static final long IDLE_CLOSE_SECONDS = 30;

    private final String host;
    private final String poolKey;
    private final long readTimeoutNanos;
    private final ConnectionPool pool;
    private volatile Channel channel;
    private volatile String remote = "?";
    private Exchange current;
    private boolean idle;
    private long parkings;

    UpstreamConnection(String host, String poolKey, long readTimeoutNanos, ConnectionPool pool) {
        this.host = host;
        this.poolKey = poolKey;
        this.readTimeoutNanos = readTimeoutNanos;
        this.pool = pool;
    }

    String poolKey() {
        return poolKey;
    }

    Channel channel() {
        return channel;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    void remote(String remote) {
        this.remote = remote;
    }

    String remote() {
        return remote;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Sends {@code request} (ownership taken) and completes with the final (non-1xx) response head. */
    CompletableFuture<UpstreamResponse> begin(FullHttpRequest request) {
        CompletableFuture<UpstreamResponse> head = new CompletableFuture<>();
        try {
            onLoop(() -> start(request, head));
        } catch (RejectedExecutionException e) {
            request.release();
            head.completeExceptionally(new UpstreamException(UpstreamException.Kind.RESET, host, "client shut down", e));
        }
        return head;
    }

    private void start(FullHttpRequest request, CompletableFuture<UpstreamResponse> head) {
        if (!channel.isActive() || current != null) {
            request.release();
            head.completeExceptionally(new UpstreamException(UpstreamException.Kind.RESET, host,
                    "pooled connection to " + remote + " closed before the request was sent"));
            return;
        }
        idle = false;
        Exchange ex = new Exchange(head);
        current = ex;
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ex, Failures.classify(host, "sending the request to " + remote, f.cause()));
            }
        });
        awaitData(ex);
        scheduleTimeout(ex, readTimeoutNanos);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange ex = current;
        if (ex == null || ex.ended) {
            ReferenceCountUtil.release(msg);
            if (idle) {
                ctx.close(); // an idle HTTP/1.1 connection must not receive bytes
            }
            return;
        }
        ex.awaiting = false;
        if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            fail(ex, new UpstreamException(UpstreamException.Kind.RESET, host, "malformed answer from " + remote
                    + ": " + o.decoderResult().cause().getMessage(), o.decoderResult().cause()));
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (r.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                ex.interim = true; // 100 Continue and friends: the real answer follows
            } else {
                ex.keepAlive = HttpUtil.isKeepAlive(r);
                ex.response = new UpstreamResponse(r, ex, this, remote);
                ex.head.complete(ex.response);
            }
        }
        if (msg instanceof HttpContent c) {
            onContent(ex, c);
        }
    }

    private void onContent(Exchange ex, HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        if (ex.interim || ex.ended) {
            c.release();
            ex.interim &= !last;
            return;
        }
        ByteBuf data = c.content();
        if (data.isReadable()) {
            ex.bodyBytes += data.readableBytes();
            if (ex.receiver != null) {
                ex.receiver.onContent(data);
            } else {
                ex.buffered.add(data);
            }
        } else {
            data.release();
        }
        if (last) {
            complete(ex);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange ex = current;
        if (ex != null && !ex.ended && ex.response == null) {
            awaitData(ex); // still waiting for the head: the consumer cannot ask yet
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.remove(this);
        Exchange ex = current;
        if (ex != null && !ex.ended) {
            fail(ex, new UpstreamException(UpstreamException.Kind.RESET, host, "connection to " + remote
                    + " closed by upstream " + (ex.response == null ? "before the response head"
                    : "after " + ex.bodyBytes + " body bytes (incomplete)")));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange ex = current;
        if (ex != null && !ex.ended) {
            fail(ex, Failures.classify(host, "reading from " + remote, cause));
        }
        ctx.close(); // connect/handshake failures are reported by the connector through its futures
    }

    void subscribe(Exchange ex, BodyReceiver receiver) {
        ex.receiver = receiver;
        while (!ex.buffered.isEmpty()) {
            receiver.onContent(ex.buffered.poll());
        }
        if (ex.bufferedError != null) {
            receiver.onError(ex.bufferedError);
        } else if (ex.bufferedComplete) {
            receiver.onComplete();
        }
    }

    void request(Exchange ex) {
        onLoop(() -> {
            if (ex == current && !ex.ended) {
                awaitData(ex);
            }
        });
    }

    void abort(Exchange ex) {
        onLoop(() -> {
            if (!ex.ended) {
                ex.end();
                if (ex == current) {
                    current = null;
                    channel.close();
                }
            }
            ex.releaseBuffered();
        });
    }

    private void awaitData(Exchange ex) {
        if (!ex.awaiting) {
            ex.awaiting = true;
            ex.awaitingSince = System.nanoTime();
        }
        channel.read();
    }

    private void scheduleTimeout(Exchange ex, long delayNanos) {
        ex.timer = channel.eventLoop().schedule(() -> checkTimeout(ex), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkTimeout(Exchange ex) {
        if (ex.ended) {
            return;
        }
        long waited = ex.awaiting ? System.nanoTime() - ex.awaitingSince : 0;
        if (waited >= readTimeoutNanos) {
            fail(ex, new UpstreamException(UpstreamException.Kind.TIMEOUT, host, "no data from " + remote + " for "
                    + TimeUnit.NANOSECONDS.toMillis(waited) + " ms (upstream.readTimeout) after " + ex.bodyBytes
                    + " body bytes"));
        } else {
            scheduleTimeout(ex, readTimeoutNanos - waited);
        }
    }

    private void complete(Exchange ex) {
        ex.end();
        current = null;
        boolean reusable = ex.keepAlive && channel.isActive();
        if (ex.receiver != null) {
            ex.receiver.onComplete();
        } else {
            ex.bufferedComplete = true;
        }
        if (reusable) {
            idle = true;
            long parking = ++parkings;
            channel.read(); // notice a close by the server while parked
            pool.park(this);
            channel.eventLoop().schedule(() -> {
                if (idle && parking == parkings && pool.remove(this)) {
                    channel.close();
                }
            }, IDLE_CLOSE_SECONDS, TimeUnit.SECONDS);
        } else {
            channel.close();
        }
    }

    private void fail(Exchange ex, UpstreamException cause) {
        if (ex.ended) {
            return;
        }
        ex.end();
        current = null;
        channel.close();
        if (ex.response == null) {
            ex.head.completeExceptionally(cause);
        } else if (ex.receiver != null) {
            ex.receiver.onError(cause);
        } else {
            ex.bufferedError = cause;
        }
    }

    private void onLoop(Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
