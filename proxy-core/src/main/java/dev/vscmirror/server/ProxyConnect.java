package dev.vscmirror.server;

import dev.vscmirror.config.HostPort;
import dev.vscmirror.config.MirrorConfig.Mode;
import dev.vscmirror.config.UpstreamConfig.UnlistedHosts;
import dev.vscmirror.tls.SniContextMapping;
import dev.vscmirror.tls.TlsHandshakeGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SniHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CONNECT host:port} on the forward-proxy listener. A listed host is intercepted: 200, then the same TLS and
 * HTTP handling as the TLS listener on this connection (a client without SNI gets the CONNECT host's certificate).
 * Other hosts are tunnelled untouched or refused with 403, by {@code upstream.unlistedHosts} (unset: tunnel in record
 * and fallback, refuse in replay, read per request so a mode flip applies).
 */
public final class ProxyConnect implements ConnectHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyConnect.class);
    static final HttpResponseStatus ESTABLISHED = new HttpResponseStatus(200, "Connection Established");

    private final HttpPipeline http;
    private final SniContextMapping mapping;
    private final ServerEvents events;
    private final ModeSwitch mode;
    private final UnlistedHosts unlistedHosts;
    private final TunnelDialer dialer;
    private final long handshakeTimeoutMillis;

    /**
     * @param unlistedHosts what to do with unlisted hosts; null decides by mode
     * @param dialer        opens tunnels; null refuses every unlisted host
     */
    public ProxyConnect(HttpPipeline http, SniContextMapping mapping, ServerEvents events, ModeSwitch mode,
                        UnlistedHosts unlistedHosts, TunnelDialer dialer, Duration handshakeTimeout) {
        this.http = http;
        this.mapping = mapping;
        this.events = events;
        this.mode = mode;
        this.unlistedHosts = unlistedHosts;
        this.dialer = dialer;
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
    }

    @Override
    public void connect(ChannelHandlerContext ctx, FullHttpRequest request) {
        Channel ch = ctx.channel();
        HostPort target;
        try {
            target = HostPort.parse(request.uri());
        } catch (IllegalArgumentException e) {
            LOG.info("rejected CONNECT from {}: {} (400)", ch.remoteAddress(), e.getMessage());
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "", request.uri(), "CONNECT target must be HOST:PORT");
            return;
        }
        String host = target.host().toLowerCase(Locale.ROOT);
        if (http.listed(host)) {
            intercept(ch, host);
            report(ch, host, request.uri(), "intercept", 200);
        } else if (policy() == UnlistedHosts.TUNNEL && dialer != null) {
            dialer.open(ch, host, target.port());
            report(ch, host, request.uri(), "tunnel", 200);
        } else {
            LOG.info("refused CONNECT from {} to unlisted host {} (403)", ch.remoteAddress(), target);
            refuse(ctx, HttpResponseStatus.FORBIDDEN, host, request.uri(), target + " is not mirrored and tunnelling is off");
        }
    }

    private UnlistedHosts policy() {
        if (unlistedHosts != null) {
            return unlistedHosts;
        }
        return mode.get() == Mode.REPLAY ? UnlistedHosts.REFUSE : UnlistedHosts.TUNNEL;
    }

    private void intercept(Channel ch, String host) {
        ChannelPipeline p = ch.pipeline();
        HttpPipeline.removeAfterCodec(p);
        ch.attr(TlsHandshakeGuard.SERVER_NAME).set(host);
        ch.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, ESTABLISHED))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        ch.close();
                        return;
                    }
                    // Auto-read is still off (the exchange handler turned it off), so the codec holds no bytes of
                    // the TLS handshake that follows.
                    p.remove(HttpPipeline.WATCH);
                    p.remove(HttpPipeline.CODEC);
                    p.addLast("sni", new SniHandler(mapping.withDefaultHost(host), handshakeTimeoutMillis));
                    p.addLast("tlsGuard", new TlsHandshakeGuard(events));
                    http.install(p, "proxy", false, null);
                    ch.config().setAutoRead(true);
                });
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String host, String target,
                        String reason) {
        Responses.sendAndClose(ctx, Responses.json(status, reason));
        report(ctx.channel(), host, target, "refused", status.code());
    }

    private void report(Channel ch, String host, String target, String outcome, int status) {
        events.request(new AnsweredRequest(Instant.now(), HttpPipeline.clientIp(ch), "proxy", host, "CONNECT",
                target, "connect", http.modeName(), outcome, status, 0, 0, null, null));
    }
}
