package dev.vscmirror.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** What the forward-proxy listener does with a {@code CONNECT}: intercept, tunnel or refuse (see ProxyConnect). */
@FunctionalInterface
public interface ConnectHandling {
    /**
     * Takes over the connection for {@code request} (a CONNECT). The HTTP handlers are replaced; the request is
     * released by the caller after this returns.
     */
    void connect(ChannelHandlerContext ctx, FullHttpRequest request);
}
