package dev.vscmirror.record;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A minimal plain-HTTP front end for tests and benchmarks: aggregates each request (small), derives the upstream
 * host from {@code X-Test-Host} (default {@code marketplace.visualstudio.com}) and calls
 * {@link RecordingForwarder#forward}. One request at a time per connection (reads pause while forwarding). When
 * fail-over is requested and upstream failed first, it answers 599 so tests can see that nothing else was written.
 */
public final class ForwardingTestServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "marketplace.visualstudio.com";

    private final Channel serverChannel;
    private final BlockingQueue<ForwardResult> results = new LinkedBlockingQueue<>();

    public ForwardingTestServer(EventLoopGroup group, RecordingForwarder forwarder, boolean failOverAllowed)
            throws InterruptedException {
        Class<? extends ServerSocketChannel> type = TestLoops.serverChannel(group);
        serverChannel = new ServerBootstrap().group(group).channel(type)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Handler(forwarder, failOverAllowed));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Results of finished forwards, in completion order. */
    public BlockingQueue<ForwardResult> results() {
        return results;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final RecordingForwarder forwarder;
        private final boolean failOverAllowed;

        Handler(RecordingForwarder forwarder, boolean failOverAllowed) {
            this.forwarder = forwarder;
            this.failOverAllowed = failOverAllowed;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String host = request.headers().get("X-Test-Host", DEFAULT_HOST);
            request.headers().remove("X-Test-Host");
            RequestKey key = RequestKey.of(request.method().name(), host.replaceFirst(":\\d+$", ""), request.uri(),
                    request.headers().get(HttpHeaderNames.ACCEPT_ENCODING),
                    ByteBufUtil.getBytes(request.content()));
            ctx.channel().config().setAutoRead(false);
            forwarder.forward(ctx, request, host, key, true, failOverAllowed).whenComplete((result, error) -> {
                if (result != null) {
                    if (result.failedBeforeResponse()) {
                        DefaultFullHttpResponse fallback = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                HttpResponseStatus.valueOf(599));
                        fallback.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                        ctx.writeAndFlush(fallback);
                    }
                    results.add(result);
                }
                ctx.channel().config().setAutoRead(true);
            });
        }
    }
}
