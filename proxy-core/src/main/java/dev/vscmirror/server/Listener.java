package dev.vscmirror.server;

import dev.vscmirror.config.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One bound listening socket. Bound with accepting paused ({@link #bind}) so the mirror can learn its own addresses
 * (the upstream client refuses to dial them) before the first client is accepted ({@link #startAccepting}).
 */
final class Listener {
    private final String name;
    private final Channel channel;

    private Listener(String name, Channel channel) {
        this.name = name;
        this.channel = channel;
    }

    /** Binds {@code address}; blocks (call from the starting thread). */
    static Listener bind(String name, HostPort address, ServerTransport transport, EventLoopGroup boss,
                         EventLoopGroup workers, ChannelInitializer<SocketChannel> initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false) // no accept until startAccepting()
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        try {
            Channel ch = bootstrap.bind(address.host(), address.port()).syncUninterruptibly().channel();
            return new Listener(name, ch);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + name + " address " + address + ": " + e.getMessage()
                    + " (is another process using the port? set listeners." + name + " or --" + name + "-listen)", e);
        }
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    void startAccepting() {
        channel.config().setAutoRead(true);
    }

    /** Stops accepting new connections (existing ones stay). */
    void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
