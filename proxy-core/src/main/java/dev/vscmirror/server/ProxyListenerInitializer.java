package dev.vscmirror.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;

/**
 * Channels of the forward-proxy listener: plain HTTP/1.1, where {@code CONNECT} is handled by {@link ProxyConnect}
 * and absolute-URI requests ({@code GET http://host/...}) for listed hosts are answered like requests to that host.
 */
public final class ProxyListenerInitializer extends ChannelInitializer<SocketChannel> {
    private final HttpPipeline http;
    private final ProxyConnect connect;
    private final ConnectionLimit limit;
    private final ChannelGroup clients;

    public ProxyListenerInitializer(HttpPipeline http, ProxyConnect connect, ConnectionLimit limit,
                                    ChannelGroup clients) {
        this.http = http;
        this.connect = connect;
        this.limit = limit;
        this.clients = clients;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        boolean withinLimit = limit.acquire();
        ch.closeFuture().addListener(f -> limit.release());
        clients.add(ch);
        http.install(ch.pipeline(), "proxy", !withinLimit, connect);
    }
}
