package dev.vscmirror.admin;

import dev.vscmirror.accesslog.AccessLog;
import dev.vscmirror.accesslog.AccessLogEntry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admin connection: copies each request off the event loop, runs its route on the admin workers, writes the
 * answer. Auto-read is off while a request is in work, so pipelined requests are answered in order.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final AdminRoutes routes;
    private final Executor workers;
    private final AccessLog accessLog;

    AdminHandler(AdminRoutes routes, Executor workers, AccessLog accessLog) {
        this.routes = routes;
        this.workers = workers;
        this.accessLog = accessLog;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        LogLine logLine = new LogLine(Instant.now(), System.nanoTime(), ctx.channel().remoteAddress(), msg);
        if (!msg.decoderResult().isSuccess()) {
            write(ctx, AdminResponse.text(HttpResponseStatus.BAD_REQUEST, "malformed request\n"), false, false,
                    logLine);
            return;
        }
        AdminRequest request = AdminRequest.of(msg.method().name(), msg.uri(),
                msg.headers().get(HttpHeaderNames.CONTENT_TYPE), msg.headers().get(HttpHeaderNames.HOST),
                msg.headers().get(HttpHeaderNames.AUTHORIZATION),
                ByteBufUtil.getBytes(msg.content()));
        boolean head = request.method().equals("HEAD");
        ctx.channel().config().setAutoRead(false);
        try {
            CompletableFuture.supplyAsync(() -> routes.handle(request), workers).whenComplete((response, error) -> {
                if (error != null) {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    LOG.error("admin route {} {} failed", request.method(), request.path(), cause);
                    response = AdminResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "admin route "
                            + request.path() + " failed: " + cause + "\n");
                }
                write(ctx, response, keepAlive, head, logLine);
            });
        } catch (RejectedExecutionException e) {
            write(ctx, AdminResponse.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "admin listener busy, retry\n"),
                    false, head, logLine);
        }
    }

    private void write(ChannelHandlerContext ctx, AdminResponse response, boolean keepAlive, boolean head,
                       LogLine logLine) {
        ChannelFuture done;
        long[] sent = {response.status().code(), 0}; // status and body bytes, for the access log
        if (response instanceof AdminResponse.FileBody file) {
            done = writeFile(ctx, file, keepAlive, head, sent);
        } else {
            AdminResponse.Full full = (AdminResponse.Full) response;
            DefaultFullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, full.status(),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(full.body()));
            out.headers().set(HttpHeaderNames.CONTENT_TYPE, full.contentType());
            full.headers().forEach(out.headers()::set);
            HttpUtil.setContentLength(out, full.body().length);
            setConnection(out, keepAlive);
            sent[1] = head ? 0 : full.body().length;
            done = ctx.writeAndFlush(out);
        }
        done.addListener(f -> accessLog.log(logLine.entry((int) sent[0], f.isSuccess() ? sent[1] : 0)));
        done.addListener(keepAlive ? (ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                f.channel().config().setAutoRead(true);
            } else {
                f.channel().close();
            }
        } : ChannelFutureListener.CLOSE);
    }

    private ChannelFuture writeFile(ChannelHandlerContext ctx, AdminResponse.FileBody file, boolean keepAlive,
                                    boolean head, long[] sent) {
        RandomAccessFile raf;
        long length;
        try {
            raf = new RandomAccessFile(file.path().toFile(), "r");
            length = raf.length();
        } catch (IOException e) {
            LOG.error("cannot open {} for an admin download", file.path(), e);
            byte[] body = ("cannot read " + file.path().getFileName() + "\n").getBytes(StandardCharsets.UTF_8);
            DefaultFullHttpResponse error = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.INTERNAL_SERVER_ERROR, Unpooled.wrappedBuffer(body));
            HttpUtil.setContentLength(error, body.length);
            sent[0] = error.status().code();
            sent[1] = body.length;
            return ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
        }
        HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, file.status());
        file.headers().forEach(out.headers()::set);
        HttpUtil.setContentLength(out, length);
        setConnection(out, keepAlive);
        ctx.write(out);
        if (head) {
            closeQuietly(raf);
        } else {
            // No TLS on the admin listener: zero-copy transfer; the region closes the file when released.
            ctx.write(new DefaultFileRegion(raf.getChannel(), 0, length));
            sent[1] = length;
        }
        return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static void setConnection(HttpResponse out, boolean keepAlive) {
        out.headers().set(HttpHeaderNames.CONNECTION,
                keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }

    private static void closeQuietly(RandomAccessFile raf) {
        try {
            raf.close();
        } catch (IOException e) {
            LOG.debug("closing a download file failed", e);
        }
    }

    /** What the access log needs from a request, captured before the request is released. */
    private record LogLine(Instant time, long startNanos, SocketAddress remote, String method, String uri,
                           String protocol, String host, String referer, String userAgent) {
        LogLine(Instant time, long startNanos, SocketAddress remote, FullHttpRequest msg) {
            this(time, startNanos, remote, msg.method().name(), msg.uri(), msg.protocolVersion().text(),
                    msg.headers().get(HttpHeaderNames.HOST), msg.headers().get(HttpHeaderNames.REFERER),
                    msg.headers().get(HttpHeaderNames.USER_AGENT));
        }

        AccessLogEntry entry(int status, long bytes) {
            String client = remote instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
            return new AccessLogEntry(time, client, "admin", host, method, uri, protocol, status, bytes, referer,
                    userAgent, "admin", (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.info("admin connection from {} failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            LOG.error("admin connection from {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
