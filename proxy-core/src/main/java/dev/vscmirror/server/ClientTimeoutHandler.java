package dev.vscmirror.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-side timeouts (limits.idleTimeout, limits.clientReadTimeout). A connection waiting for its next request
 * is closed after the idle timeout; once the first byte of a request arrived (seen by {@link ByteWatch}, which sits
 * before the HTTP decoder), the whole request must arrive within the read timeout or the client gets 408 and the
 * connection is closed. No timer runs while the mirror is answering: a slow download is not a slow client.
 */
public final class ClientTimeoutHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClientTimeoutHandler.class);

    private enum State { IDLE, READING, ANSWERING }

    private final long idleNanos;
    private final long readNanos;
    private final ByteWatch watch = new ByteWatch();
    private State state = State.IDLE;
    private int pendingResponses;
    private ScheduledFuture<?> timer;

    public ClientTimeoutHandler(Duration idleTimeout, Duration clientReadTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        this.readNanos = clientReadTimeout.toNanos();
    }

    /** The companion handler to place before the HTTP decoder. */
    public ChannelInboundHandlerAdapter byteWatch() {
        return watch;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            enterIdle(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        enterIdle(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
        watch.armed = false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ByteWatch.FIRST_BYTE) {
            if (state == State.IDLE) {
                startReading(ctx);
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest && state != State.READING) {
            startReading(ctx); // a pipelined request decoded from bytes already read
        }
        if (msg instanceof LastHttpContent && state == State.READING) {
            cancel();
            state = State.ANSWERING;
            pendingResponses++;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean last = msg instanceof LastHttpContent || msg instanceof FullHttpResponse;
        if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            last = false; // 100 Continue is not the answer
        }
        if (last) {
            promise = promise.unvoid();
            promise.addListener(f -> responseDone(ctx));
        }
        super.write(ctx, msg, promise);
    }

    private void responseDone(ChannelHandlerContext ctx) {
        if (pendingResponses > 0) {
            pendingResponses--;
        }
        if (pendingResponses == 0 && state == State.ANSWERING && ctx.channel().isActive()) {
            enterIdle(ctx);
        }
    }

    private void enterIdle(ChannelHandlerContext ctx) {
        cancel();
        state = State.IDLE;
        watch.armed = true;
        timer = ctx.executor().schedule(() -> {
            LOG.debug("closing idle connection from {}", ctx.channel().remoteAddress());
            ctx.close();
        }, idleNanos, TimeUnit.NANOSECONDS);
    }

    private void startReading(ChannelHandlerContext ctx) {
        cancel();
        watch.armed = false;
        state = State.READING;
        timer = ctx.executor().schedule(() -> readTimedOut(ctx), readNanos, TimeUnit.NANOSECONDS);
    }

    private void readTimedOut(ChannelHandlerContext ctx) {
        LOG.info("rejected request from {}: not complete within the client read timeout of {} s (408)",
                ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toSeconds(readNanos));
        if (pendingResponses > 0) {
            ctx.close(); // an answer is still streaming; a 408 cannot be put in front of it
        } else {
            Responses.sendAndClose(ctx, Responses.json(HttpResponseStatus.REQUEST_TIMEOUT,
                    "request not received within " + TimeUnit.NANOSECONDS.toSeconds(readNanos) + " s"));
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Placed before the HTTP decoder: tells the timeout handler when the first byte of a request arrives. */
    static final class ByteWatch extends ChannelInboundHandlerAdapter {
        static final Object FIRST_BYTE = new Object();
        boolean armed;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (armed) {
                armed = false;
                ctx.fireUserEventTriggered(FIRST_BYTE);
            }
            super.channelRead(ctx, msg);
        }
    }
}
