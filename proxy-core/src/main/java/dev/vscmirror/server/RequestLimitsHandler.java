package dev.vscmirror.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the HTTP decoder refused into the right answer (request line too long → 414, headers too large → 431,
 * anything malformed → 400) and refuses a declared body over the limit (413) before reading it. Each rejection is one
 * log line; the connection is closed after the answer because the rest of its bytes cannot be trusted.
 */
public final class RequestLimitsHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLimitsHandler.class);

    private final long maxBodyBytes;
    private final java.util.function.IntConsumer onReject;
    private boolean discarding;

    /**
     * @param maxBodyBytes largest request body accepted
     * @param onReject     told the status of each rejection (metrics, access log)
     */
    public RequestLimitsHandler(long maxBodyBytes, java.util.function.IntConsumer onReject) {
        this.maxBodyBytes = maxBodyBytes;
        this.onReject = onReject;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
            DecoderResult result = http.decoderResult();
            ReferenceCountUtil.release(msg);
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                reject(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long");
            } else if (cause instanceof TooLongHttpHeaderException) {
                reject(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large");
            } else {
                reject(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request: " + cause.getMessage());
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            long declared = HttpUtil.getContentLength(request, -1L);
            if (declared > maxBodyBytes) {
                ReferenceCountUtil.release(msg);
                reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        "request body of " + declared + " bytes is over the limit of " + maxBodyBytes);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        discarding = true;
        onReject.accept(status.code());
        LOG.info("rejected request from {}: {} ({})", ctx.channel().remoteAddress(), reason, status.code());
        Responses.sendAndClose(ctx, Responses.json(status, reason));
    }
}
