package dev.vscmirror.tls;

import dev.vscmirror.ca.HostNotAllowedException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@code SniHandler}: remembers the SNI name on the channel, and when the SNI lookup or the
 * handshake fails, classifies the reason once ({@link HandshakeObserver}), logs one info line and closes the
 * connection. Removes itself after a successful handshake.
 */
public final class TlsHandshakeGuard extends ChannelInboundHandlerAdapter {
    /** The server name the connection is for: the SNI name, else the CONNECT host. */
    public static final AttributeKey<String> SERVER_NAME = AttributeKey.valueOf("vscmirror.serverName");

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeGuard.class);

    private final HandshakeObserver observer;
    private boolean failed;

    public TlsHandshakeGuard(HandshakeObserver observer) {
        this.observer = observer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SniCompletionEvent sni) {
            if (sni.isSuccess()) {
                if (sni.hostname() != null) {
                    ctx.channel().attr(SERVER_NAME).set(sni.hostname());
                }
            } else {
                fail(ctx, reasonOf(sni.cause()), sni.cause());
            }
        } else if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                fail(ctx, reasonOf(done.cause()), done.cause());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The SNI lookup failure and handshake failure also arrive here; they were counted from their events.
        if (!failed) {
            LOG.debug("TLS error before the handshake completed from {}: {}", ctx.channel().remoteAddress(),
                    cause.toString());
        }
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, String reason, Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        observer.handshakeFailure(reason);
        LOG.info("TLS handshake from {} refused or failed ({}): {}", ctx.channel().remoteAddress(), reason,
                messageOf(cause));
        ctx.close();
    }

    /** Maps a failure to a {@link HandshakeObserver} reason. */
    static String reasonOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SniRejectedException rejected) {
                return rejected.reason();
            }
            if (t instanceof HostNotAllowedException) {
                return HandshakeObserver.UNLISTED_HOST; // listed, but outside the CA's name constraints
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // The client's alert when it does not trust our CA: BoringSSL/OpenSSL clients send unknown_ca, the JDK
            // sends certificate_unknown, some send bad_certificate.
            if (message.contains("unknown_ca") || message.contains("certificate_unknown")
                    || message.contains("bad_certificate")) {
                return HandshakeObserver.UNKNOWN_CA;
            }
        }
        return HandshakeObserver.OTHER;
    }

    private static String messageOf(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
