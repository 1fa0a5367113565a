package dev.vscmirror.admin;

import dev.vscmirror.accesslog.AccessLog;
import dev.vscmirror.config.AdminConfig;
import dev.vscmirror.config.HostPort;
import dev.vscmirror.metrics.MirrorMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener (issue 6): health, readiness, metrics, the status page and the admin API on its own port,
 * loopback by default. Off loopback it refuses to start without {@code admin.token}; whenever a token is configured,
 * every mutating call (PUT, POST, DELETE, ...) must carry {@code Authorization: Bearer <token>}. On loopback it
 * answers only requests whose Host is {@code localhost} or a loopback address, so a web page cannot reach it through
 * DNS rebinding (its own name would be the Host).
 *
 * <p>One event-loop thread accepts and parses; routes run on two named worker threads, so the
 * {@link AdminContext} may block briefly.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int IDLE_SECONDS = 60;

    private final HostPort listen;
    private final AccessLog accessLog;
    private final AdminRoutes routes;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private volatile Channel serverChannel;

    /**
     * @param listen  where to listen ({@code port} 0 picks a free port)
     * @param config  the token; required when {@code listen} is not a loopback address
     * @param metrics what {@code /metrics} scrapes
     * @param context the running mirror's state
     * @throws IllegalArgumentException when {@code listen} is not on loopback and no token is configured
     */
    public AdminServer(HostPort listen, AdminConfig config, MirrorMetrics metrics, AdminContext context) {
        this(listen, config, metrics, context, AccessLog.off());
    }

    /**
     * Like {@link #AdminServer(HostPort, AdminConfig, MirrorMetrics, AdminContext)}, and writes one access-log line
     * per admin request (listener {@code admin}). The caller owns {@code accessLog} and closes it.
     */
    public AdminServer(HostPort listen, AdminConfig config, MirrorMetrics metrics, AdminContext context,
                       AccessLog accessLog) {
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.listen = Objects.requireNonNull(listen, "listen");
        BearerAuth auth = new BearerAuth(config == null ? null : config.token());
        boolean loopback = isLoopback(listen.host());
        if (!loopback && !auth.configured()) {
            throw new IllegalArgumentException("admin listener " + listen + " is not on loopback: set admin.token "
                    + "(VSCMIRROR_ADMIN_TOKEN) so that mutating calls need a bearer token, or listen on 127.0.0.1");
        }
        this.routes = new AdminRoutes(Objects.requireNonNull(context, "context"),
                Objects.requireNonNull(metrics, "metrics"), auth, Clock.systemUTC(), loopback);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vscmirror-admin-io", true),
                NioIoHandler.newFactory());
        this.workers = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
                new DefaultThreadFactory("vscmirror-admin-worker", true));
    }

    /**
     * Binds the listener; blocks until bound (call it from the starting thread, never from an event loop).
     *
     * @return the bound address (with the real port when {@code listen.port()} was 0)
     * @throws IllegalStateException naming the address when binding fails
     */
    public InetSocketAddress start() {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS))
                                .addLast(new HttpServerCodec(4096, 16 * 1024, 8192))
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new AdminHandler(routes, workers, accessLog));
                    }
                });
        try {
            serverChannel = bootstrap.bind(listen.host(), listen.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot listen on admin address " + listen + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = address();
        LOG.info("admin listener on http://{}:{}/status", bound.getHostString(), bound.getPort());
        return bound;
    }

    /** The bound address; only after {@link #start()}. */
    public InetSocketAddress address() {
        if (serverChannel == null) {
            throw new IllegalStateException("admin listener " + listen + " is not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops listening, closes connections and the worker threads; waits up to a few seconds. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code host} is a loopback name or address ({@code localhost}, 127.0.0.0/8, ::1). */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
