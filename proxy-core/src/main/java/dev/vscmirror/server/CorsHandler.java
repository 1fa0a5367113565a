package dev.vscmirror.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;

/**
 * CORS for browser-based clients (issue 4 "Web clients": code-server's web UI queries the gallery and fetches assets
 * itself). Adds {@code Access-Control-Allow-Origin: *} and the exposed headers to every answer of a request that
 * carried an {@code Origin}, whoever writes the answer (replay or the recording forwarder); preflights are answered
 * by {@link #preflight}.
 */
@ChannelHandler.Sharable
public final class CorsHandler extends ChannelOutboundHandlerAdapter {
    /** Set by the exchange handler while it answers a request that carried an {@code Origin}. */
    public static final AttributeKey<Boolean> CROSS_ORIGIN = AttributeKey.valueOf("vscmirror.crossOrigin");

    static final String EXPOSED = "activityid, Content-Length, Content-Range, Content-Encoding, Content-Type, "
            + "ETag, Last-Modified, Location, Accept-Ranges";

    public static final CorsHandler INSTANCE = new CorsHandler();

    private CorsHandler() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && Boolean.TRUE.equals(ctx.channel().attr(CROSS_ORIGIN).get())) {
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            response.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        }
        super.write(ctx, msg, promise);
    }

    /** True for a CORS preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(FullHttpRequest request) {
        return HttpMethod.OPTIONS.equals(request.method())
                && request.headers().contains(HttpHeaderNames.ORIGIN)
                && request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** The answer to a preflight: any origin, the methods VS Code uses, the headers the browser asked for. */
    public static FullHttpResponse preflight(FullHttpRequest request) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        String asked = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        response.headers()
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, POST, OPTIONS")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, asked == null || asked.isBlank() ? "*" : asked)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }
}
