package dev.vscmirror.server;

import dev.vscmirror.metrics.RouteNames;
import dev.vscmirror.tls.TlsHandshakeGuard;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an HTTP connection: takes complete requests, works out the host, and hands them to the
 * {@link RequestDispatcher} one at a time. While an answer is in flight auto-read is off and further (pipelined)
 * requests wait in order, so answers leave in request order (HTTP/1.1 pipelining-safe).
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);

    private final String listener;
    private final HttpPipeline shared;
    private final boolean overLimit;
    private final ConnectHandling connect;
    private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>(4);
    private boolean busy;
    private boolean closed;

    ExchangeHandler(String listener, HttpPipeline shared, boolean overLimit, ConnectHandling connect) {
        this.listener = listener;
        this.shared = shared;
        this.overLimit = overLimit;
        this.connect = connect;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        queue.add(request);
        if (!busy) {
            next(ctx);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        FullHttpRequest request = queue.poll();
        if (request == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        ctx.channel().config().setAutoRead(false);
        if (connect != null && HttpMethod.CONNECT.equals(request.method())) {
            closed = true; // the connection stops being HTTP; nothing queued behind a CONNECT can be answered
            try {
                connect.connect(ctx, request);
            } finally {
                request.release();
                releaseQueued();
            }
            return;
        }
        long start = System.nanoTime();
        shared.exchangeStarted();
        RequestTarget target = null;
        CompletableFuture<Outcome> answered;
        try {
            target = target(ctx, request);
            answered = answer(ctx, request, target);
        } catch (RuntimeException e) {
            LOG.error("answering {} {} failed", request.method(), request.uri(), e);
            answered = RequestDispatcher.send(ctx, Responses.json(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "internal error: " + e.getMessage()), "error", shared.modeName());
        }
        String method = request.method().name();
        String referer = request.headers().get(HttpHeaderNames.REFERER);
        String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
        RequestTarget answeredTarget = target;
        answered.whenComplete((outcome, error) -> ctx.executor().execute(
                () -> finish(ctx, request, method, answeredTarget, start, outcome, error, referer, userAgent)));
    }

    /** Host and target of the request, unwrapped from the rewritten form when it uses it. */
    private RequestTarget target(ChannelHandlerContext ctx, FullHttpRequest request) {
        RequestTarget plain = RequestTarget.of(request.uri(), request.headers().get(HttpHeaderNames.HOST),
                ctx.channel().attr(TlsHandshakeGuard.SERVER_NAME).get());
        if (plain == null) {
            return null;
        }
        // the rewritten form /_vscmirror/{host}/... of a URL the mirror handed out (issue 4 "URL rewriting")
        return shared.unwrap(plain.host(), plain.pathAndQuery())
                .map(u -> new RequestTarget(u.host(), u.pathAndQuery(), plain.absolute()))
                .orElse(plain);
    }

    private CompletableFuture<Outcome> answer(ChannelHandlerContext ctx, FullHttpRequest request,
                                              RequestTarget target) {
        if (overLimit) {
            LOG.info("rejected request from {}: over the limit of {} connections (503)",
                    ctx.channel().remoteAddress(), shared.maxConnections());
            return RequestDispatcher.send(ctx, closing(Responses.json(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too many connections")), "over_limit", shared.modeName());
        }
        if (target == null) {
            LOG.info("rejected request from {}: no usable host or target in '{}' (400)",
                    ctx.channel().remoteAddress(), request.uri());
            return RequestDispatcher.send(ctx, closing(Responses.json(HttpResponseStatus.BAD_REQUEST,
                    "request names no host")), "rejected", shared.modeName());
        }
        if (!shared.listed(target.host())) {
            HttpResponseStatus status = target.absolute() ? HttpResponseStatus.FORBIDDEN
                    : HttpResponseStatus.MISDIRECTED_REQUEST;
            LOG.info("rejected request from {} for {}: not a mirrored host ({})", ctx.channel().remoteAddress(),
                    target.host(), status.code());
            return RequestDispatcher.send(ctx, Responses.json(status, target.host() + " is not mirrored here"),
                    "rejected", shared.modeName());
        }
        // the record and replay paths see an origin-form target and the host without port
        request.setUri(target.pathAndQuery());
        request.headers().set(HttpHeaderNames.HOST, target.host());
        if (request.headers().contains(HttpHeaderNames.ORIGIN)) {
            ctx.channel().attr(CorsHandler.CROSS_ORIGIN).set(Boolean.TRUE);
        }
        return shared.dispatcher().dispatch(ctx, request, target.host());
    }

    private static io.netty.handler.codec.http.FullHttpResponse closing(
            io.netty.handler.codec.http.FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        return response;
    }

    private void finish(ChannelHandlerContext ctx, FullHttpRequest request, String method, RequestTarget target,
                        long start, Outcome outcome, Throwable error, String referer, String userAgent) {
        shared.exchangeFinished();
        if (request.refCnt() > 0) {
            request.release();
        }
        ctx.channel().attr(CorsHandler.CROSS_ORIGIN).set(null);
        String host = target == null ? "" : target.host();
        String path = target == null ? request.uri() : target.pathAndQuery();
        if (error != null) {
            LOG.error("answering {} {}{} failed; closing the connection", method, host, path, error);
            ctx.close();
            outcome = new Outcome(0, 0, "error", shared.modeName());
        }
        shared.events().request(new AnsweredRequest(Instant.now(), HttpPipeline.clientIp(ctx.channel()), listener,
                host, method, path, RouteNames.of(path), outcome.mode(), outcome.outcome(), outcome.status(),
                outcome.bytes(), System.nanoTime() - start, referer, userAgent));
        busy = false;
        if (ctx.channel().isActive()) {
            next(ctx);
        } else {
            releaseQueued();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseQueued();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException || cause.getCause() instanceof javax.net.ssl.SSLException) {
            // a client that reset or broke TLS: expected on the Internet, not an error of the mirror
            LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.error("unexpected error on the connection from {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private void releaseQueued() {
        FullHttpRequest queued;
        while ((queued = queue.poll()) != null) {
            queued.release();
        }
    }
}
