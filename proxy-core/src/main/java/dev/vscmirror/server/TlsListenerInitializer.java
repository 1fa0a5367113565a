package dev.vscmirror.server;

import dev.vscmirror.tls.SniContextMapping;
import dev.vscmirror.tls.TlsHandshakeGuard;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SniHandler;
import java.time.Duration;

/**
 * Channels of the TLS listener (DNS takeover): SNI picks the minted certificate asynchronously, then the HTTP
 * pipeline. Counts the connection against the connection limit and registers it for graceful shutdown.
 */
public final class TlsListenerInitializer extends ChannelInitializer<SocketChannel> {
    private final SniContextMapping mapping;
    private final HttpPipeline http;
    private final ConnectionLimit limit;
    private final ChannelGroup clients;
    private final ServerEvents events;
    private final long handshakeTimeoutMillis;

    public TlsListenerInitializer(SniContextMapping mapping, HttpPipeline http, ConnectionLimit limit,
                                  ChannelGroup clients, ServerEvents events, Duration handshakeTimeout) {
        this.mapping = mapping;
        this.http = http;
        this.limit = limit;
        this.clients = clients;
        this.events = events;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        boolean withinLimit = limit.acquire();
        ch.closeFuture().addListener(f -> limit.release());
        clients.add(ch);
        ch.pipeline().addLast("sni", new SniHandler(mapping, handshakeTimeoutMillis));
        ch.pipeline().addLast("tlsGuard", new TlsHandshakeGuard(events));
        http.install(ch.pipeline(), "tls", !withinLimit, null);
    }
}
