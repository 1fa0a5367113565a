package dev.vscmirror.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates request bodies (they are small: extensionquery JSON) up to the body limit. A chunked body that grows
 * past the limit gets Netty's 413 and a log line.
 */
final class LimitedAggregator extends HttpObjectAggregator {
    private static final Logger LOG = LoggerFactory.getLogger(LimitedAggregator.class);

    private final java.util.function.IntConsumer onReject;

    LimitedAggregator(int maxBodyBytes, java.util.function.IntConsumer onReject) {
        super(maxBodyBytes, true);
        this.onReject = onReject;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        onReject.accept(413);
        LOG.info("rejected request from {}: chunked request body over the limit of {} bytes (413)",
                ctx.channel().remoteAddress(), maxContentLength());
        super.handleOversizedMessage(ctx, oversized);
    }
}
