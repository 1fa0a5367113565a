package dev.vscmirror.server;

import dev.vscmirror.replay.UrlRewriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * URL rewriting of answers (issue 4 "URL rewriting"), in every mode, whoever writes the answer: a redirect's
 * {@code Location} is rewritten; a JSON body (status 200, up to {@link #MAX_JSON_BYTES}) is collected, decoded when
 * gzip, rewritten by the catalog's {@link UrlRewriter} and sent as identity with its new length. Everything else
 * (VSIX, signatures, installers, anything not JSON) passes untouched. The store keeps the upstream original.
 */
final class RewritingHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RewritingHandler.class);
    static final int MAX_JSON_BYTES = 8 * 1024 * 1024;

    private final UrlRewriter rewriter;
    /** Host and HEAD-ness of requests not answered yet, in order (pipelined requests may be read early). */
    private final java.util.ArrayDeque<Object[]> requests = new java.util.ArrayDeque<>(2);
    private String host = "";
    private boolean headRequest;
    private HttpResponse pendingHead;
    private CompositeByteBuf collected;

    RewritingHandler(UrlRewriter rewriter) {
        this.rewriter = rewriter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            String h = RequestTarget.hostOnly(request.headers().get(HttpHeaderNames.HOST));
            requests.add(new Object[] {h == null ? "" : h, "HEAD".equals(request.method().name())});
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response) {
            if (response.status().codeClass() != io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
                Object[] request = requests.poll();
                host = request == null ? "" : (String) request[0];
                headRequest = request != null && (Boolean) request[1];
            }
            String location = response.headers().get(HttpHeaderNames.LOCATION);
            if (location != null) {
                response.headers().set(HttpHeaderNames.LOCATION, rewriter.rewriteLocation(location));
            }
            if (rewritable(response)) {
                if (msg instanceof FullHttpResponse full) {
                    ctx.write(rewritten(full, full.content()), promise);
                    full.release();
                    return;
                }
                pendingHead = response;
                collected = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                promise.trySuccess(); // collected; the writer must not wait for a flush that comes at the end
                return;
            }
        } else if (collected != null && msg instanceof HttpContent content) {
            collected.addComponent(true, content.content().retain());
            boolean last = content instanceof LastHttpContent;
            content.release();
            if (collected.readableBytes() > MAX_JSON_BYTES) {
                giveUp(ctx, last, promise);
            } else if (last) {
                FullHttpResponse out = rewritten(pendingHead, collected);
                collected.release();
                collected = null;
                pendingHead = null;
                ctx.write(out, promise);
            } else {
                promise.trySuccess();
            }
            return;
        }
        super.write(ctx, msg, promise);
    }

    private boolean rewritable(HttpResponse response) {
        if (headRequest || response.status().code() != 200 || response.headers().contains(HttpHeaderNames.CONTENT_RANGE)) {
            return false;
        }
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String encoding = response.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        return type != null && type.toLowerCase(Locale.ROOT).contains("json")
                && (encoding == null || encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("identity"));
    }

    /** The answer with its JSON rewritten, sent as identity. Does not release {@code body}. */
    private FullHttpResponse rewritten(HttpResponse head, ByteBuf body) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        String encoding = head.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        try {
            if ("gzip".equalsIgnoreCase(encoding)) {
                bytes = gunzip(bytes);
            }
            byte[] out = rewriter.rewriteJson(host, bytes);
            FullHttpResponse full = new DefaultFullHttpResponse(head.protocolVersion(), head.status(),
                    Unpooled.wrappedBuffer(out));
            full.headers().set(head.headers());
            full.headers().remove(HttpHeaderNames.CONTENT_ENCODING);
            full.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            full.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, out.length);
            return full;
        } catch (IOException e) {
            LOG.info("cannot decode a gzip JSON answer for {} ({}); sending it unrewritten", host, e.getMessage());
            FullHttpResponse full = new DefaultFullHttpResponse(head.protocolVersion(), head.status(),
                    Unpooled.copiedBuffer(body));
            full.headers().set(head.headers());
            full.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            full.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            return full;
        }
    }

    private void giveUp(ChannelHandlerContext ctx, boolean last, ChannelPromise promise) {
        LOG.info("JSON answer for {} is over {} bytes; sending it unrewritten", host, MAX_JSON_BYTES);
        ctx.write(pendingHead);
        CompositeByteBuf body = collected;
        collected = null;
        pendingHead = null;
        ctx.write(last ? new io.netty.handler.codec.http.DefaultLastHttpContent(body) : new DefaultHttpContent(body),
                promise);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readNBytes(MAX_JSON_BYTES * 4);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (collected != null) {
            collected.release();
            collected = null;
        }
    }
}
