package dev.vscmirror.server;

import dev.vscmirror.config.UpstreamConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens tunnels for CONNECT to unlisted hosts: resolves the host off the event loop (upstream overrides first),
 * refuses to dial the mirror's own listeners, optionally goes through the egress proxy, then answers 200 and relays
 * bytes untouched in both directions.
 */
public final class TunnelDialer {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelDialer.class);

    private final UpstreamConfig upstream;
    private final ServerTransport transport;
    private final Executor resolveExecutor;
    private final Set<InetSocketAddress> ownAddresses;

    /**
     * @param ownAddresses the mirror's bound listener addresses (a live view; filled after binding)
     */
    public TunnelDialer(UpstreamConfig upstream, ServerTransport transport, Executor resolveExecutor,
                        Set<InetSocketAddress> ownAddresses) {
        this.upstream = upstream;
        this.transport = transport;
        this.resolveExecutor = resolveExecutor;
        this.ownAddresses = ownAddresses;
    }

    /** Takes over {@code client} (its auto-read is off) for a tunnel to {@code host:port}. */
    void open(Channel client, String host, int port) {
        resolveExecutor.execute(() -> {
            SocketAddress target;
            InetSocketAddress proxyAddress;
            try {
                target = resolve(host, port);
                proxyAddress = egressProxyAddress();
            } catch (Exception e) {
                client.eventLoop().execute(() -> fail(client, host, port, e.getMessage()));
                return;
            }
            client.eventLoop().execute(() -> dial(client, host, port, target, proxyAddress));
        });
    }

    private SocketAddress resolve(String host, int port) throws Exception {
        if (upstream.egressProxy() != null) {
            return InetSocketAddress.createUnresolved(host, port); // the egress proxy resolves
        }
        for (UpstreamConfig.UpstreamOverride o : upstream.overrides()) {
            if (o.matches(host)) {
                return checked(new InetSocketAddress(InetAddress.getByName(o.address().host()), o.address().port()));
            }
        }
        return checked(new InetSocketAddress(InetAddress.getByName(host), port));
    }

    private InetSocketAddress checked(InetSocketAddress address) throws Exception {
        for (InetSocketAddress own : ownAddresses) {
            if (own.getPort() == address.getPort() && isLocal(address.getAddress(), own.getAddress())) {
                throw new IllegalStateException("it resolves to the mirror's own listener " + own);
            }
        }
        return address;
    }

    private static boolean isLocal(InetAddress target, InetAddress bound) throws Exception {
        if (target.equals(bound)) {
            return true;
        }
        return bound.isAnyLocalAddress()
                && (target.isLoopbackAddress() || NetworkInterface.getByInetAddress(target) != null);
    }

    private void dial(Channel client, String host, int port, SocketAddress target, InetSocketAddress proxyAddress) {
        HttpProxyHandler proxy = proxyAddress == null ? null : egressProxyHandler(proxyAddress);
        Bootstrap b = new Bootstrap()
                .group(client.eventLoop())
                .channel(transport.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) upstream.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (proxy != null) {
                            ch.pipeline().addLast("egressProxy", proxy);
                        }
                        ch.pipeline().addLast("relay", new TunnelRelayHandler(client));
                    }
                });
        ChannelFuture connect = b.connect(target);
        client.closeFuture().addListener(f -> connect.channel().close());
        Future<?> ready = proxy != null ? proxy.connectFuture() : connect;
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail(client, host, port, String.valueOf(f.cause().getMessage()));
            }
        });
        ready.addListener(f -> {
            if (f.isSuccess()) {
                established(client, connect.channel());
            } else if (proxy != null && connect.isSuccess()) {
                fail(client, host, port, "egress proxy: " + f.cause().getMessage());
            }
        });
    }

    private void established(Channel client, Channel outbound) {
        ChannelPipeline p = client.pipeline();
        HttpPipeline.removeAfterCodec(p);
        client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, ProxyConnect.ESTABLISHED))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        outbound.close();
                        return;
                    }
                    p.addLast("relay", new TunnelRelayHandler(outbound));
                    p.remove(HttpPipeline.WATCH);
                    p.remove(HttpPipeline.CODEC); // any bytes it held go on to the relay
                    client.read();
                    outbound.read();
                });
    }

    private void fail(Channel client, String host, int port, String reason) {
        LOG.info("tunnel from {} to {}:{} failed: {} (502)", client.remoteAddress(), host, port, reason);
        if (!client.isActive()) {
            return;
        }
        HttpPipeline.removeAfterCodec(client.pipeline());
        var response = Responses.json(HttpResponseStatus.BAD_GATEWAY, "cannot reach " + host + ":" + port);
        response.headers().set("connection", "close");
        client.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** Resolves the egress proxy (blocking: on the resolve executor); null when there is none. */
    private InetSocketAddress egressProxyAddress() {
        URI proxy = upstream.egressProxy();
        return proxy == null ? null : new InetSocketAddress(proxy.getHost(), proxy.getPort() > 0 ? proxy.getPort() : 80);
    }

    private HttpProxyHandler egressProxyHandler(InetSocketAddress address) {
        String userInfo = upstream.egressProxy().getUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            int colon = userInfo.indexOf(':');
            return new HttpProxyHandler(address, userInfo.substring(0, colon), userInfo.substring(colon + 1));
        }
        return new HttpProxyHandler(address);
    }
}
