package dev.vscmirror.upstream;

import dev.vscmirror.config.HostPort;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Opens a new upstream connection: resolve (overrides, JDK DNS, loop guard), TCP connect (each address in turn),
 * optionally CONNECT through the egress proxy, then a TLS handshake with SNI = the request host and the host name
 * verified. Completes when the connection is ready for a request.
 */
final class UpstreamConnector {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final UpstreamResolver resolver;
    private final ConnectionPool pool;
    private final SslContext ssl;
    private final EgressProxy proxy;
    private final Executor blocking;
    private final int connectTimeoutMillis;
    private final long readTimeoutNanos;

    UpstreamConnector(EventLoopGroup group, UpstreamResolver resolver, ConnectionPool pool, SslContext ssl,
            EgressProxy proxy, Executor blocking, int connectTimeoutMillis, long readTimeoutNanos) {
        this.group = group;
        this.channelType = channelType(group);
        this.resolver = resolver;
        this.pool = pool;
        this.ssl = ssl;
        this.proxy = proxy;
        this.blocking = blocking;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutNanos = readTimeoutNanos;
    }

    /** Epoll when the group runs epoll (and the native transport loaded), NIO otherwise. */
    static Class<? extends SocketChannel> channelType(EventLoopGroup group) {
        if (Epoll.isAvailable() && group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)) {
            return EpollSocketChannel.class;
        }
        return NioSocketChannel.class;
    }

    /**
     * Opens a connection; {@code loop} (nullable) is where it should run, normally the client channel's event loop
     * so relaying needs no thread hop (the netty proxy example's pattern); it is used only when it runs the same
     * transport as this connector's group.
     */
    /** True when both run epoll, or both run NIO (an EmbeddedEventLoop or other loop never matches). */
    static boolean sameTransport(EventLoopGroup a, EventLoopGroup b) {
        return a instanceof IoEventLoopGroup x && b instanceof IoEventLoopGroup y
                && (x.isIoType(NioIoHandler.class) && y.isIoType(NioIoHandler.class)
                || Epoll.isAvailable() && x.isIoType(EpollIoHandler.class) && y.isIoType(EpollIoHandler.class));
    }

    CompletableFuture<UpstreamConnection> connect(String host, int port, String poolKey, EventLoop loop) {
        EventLoopGroup on = loop != null && sameTransport(loop, group) ? loop : group;
        if (proxy != null) {
            return viaProxy(host, port, poolKey, on);
        }
        return resolver.resolve(host, port).thenCompose(addresses -> {
            CompletableFuture<UpstreamConnection> result = new CompletableFuture<>();
            tryAddress(host, port, poolKey, addresses, 0, result, on);
            return result;
        });
    }

    private void tryAddress(String host, int port, String poolKey, List<InetSocketAddress> addresses, int index,
            CompletableFuture<UpstreamConnection> result, EventLoopGroup on) {
        InetSocketAddress address = addresses.get(index);
        UpstreamConnection connection = new UpstreamConnection(host, poolKey, readTimeoutNanos, pool);
        connection.remote(address.getAddress().getHostAddress() + ":" + address.getPort());
        ChannelFuture connect = bootstrap(on, host, port, connection, null).connect(address);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                handshake(host, connect.channel(), connection, result);
            } else if (index + 1 < addresses.size()) {
                tryAddress(host, port, poolKey, addresses, index + 1, result, on);
            } else {
                result.completeExceptionally(Failures.classify(host, "connecting to " + address, f.cause()));
            }
        });
    }

    private CompletableFuture<UpstreamConnection> viaProxy(String host, int port, String poolKey, EventLoopGroup on) {
        // The proxy resolves the target name itself; an override still replaces it (tests, split DNS).
        HostPort target = resolver.override(host).orElse(new HostPort(host, port));
        return CompletableFuture.supplyAsync(() -> new InetSocketAddress(proxy.host(), proxy.port()), blocking)
                .thenCompose(proxyAddress -> {
                    if (proxyAddress.isUnresolved()) {
                        throw new UpstreamException(UpstreamException.Kind.PROXY, host, "cannot resolve egress proxy "
                                + proxy);
                    }
                    UpstreamConnection connection = new UpstreamConnection(host, poolKey, readTimeoutNanos, pool);
                    connection.remote(target + " via " + proxy);
                    CompletableFuture<UpstreamConnection> result = new CompletableFuture<>();
                    ChannelFuture connect = bootstrap(on, host, port, connection, proxyAddress)
                            .connect(InetSocketAddress.createUnresolved(target.host(), target.port()));
                    connect.addListener(f -> {
                        if (f.isSuccess()) {
                            handshake(host, connect.channel(), connection, result);
                        } else {
                            result.completeExceptionally(Failures.classify(host, "connecting through egress proxy "
                                    + proxy, f.cause()));
                        }
                    });
                    return result;
                });
    }

    private void handshake(String host, Channel channel, UpstreamConnection connection,
            CompletableFuture<UpstreamConnection> result) {
        channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
            if (h.isSuccess()) {
                result.complete(connection);
            } else {
                channel.close();
                result.completeExceptionally(Failures.classify(host, "TLS handshake with " + connection.remote(),
                        h.cause()));
            }
        });
    }

    private Bootstrap bootstrap(EventLoopGroup on, String host, int port, UpstreamConnection connection,
            InetSocketAddress proxyAddress) {
        Bootstrap b = new Bootstrap()
                .group(on)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (proxyAddress != null) {
                            ch.pipeline().addLast("egress-proxy", proxy.newHandler(proxyAddress, connectTimeoutMillis));
                        }
                        SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
                        tls.setHandshakeTimeoutMillis(connectTimeoutMillis);
                        ch.pipeline().addLast("tls", tls);
                        ch.pipeline().addLast("http", new HttpClientCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(8192).setMaxHeaderSize(65536).setMaxChunkSize(65536),
                                false, false));
                        ch.pipeline().addLast("upstream", connection);
                    }
                });
        if (proxyAddress != null) {
            b.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        return b;
    }
}
