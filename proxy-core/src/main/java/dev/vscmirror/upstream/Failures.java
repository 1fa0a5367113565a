package dev.vscmirror.upstream;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.proxy.ProxyConnectException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Maps Netty/JDK failures to {@link UpstreamException}s whose message says what happened and where. */
final class Failures {
    private Failures() {
    }

    static UpstreamException classify(String host, String doing, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UpstreamException u) {
                return u;
            }
            if (t instanceof ProxyConnectException) {
                return new UpstreamException(UpstreamException.Kind.PROXY, host, "egress proxy failed while "
                        + doing + ": " + t.getMessage(), cause);
            }
            if (t instanceof SSLException) {
                return new UpstreamException(UpstreamException.Kind.TLS, host, "TLS failed while " + doing + ": "
                        + t.getMessage() + " (is the upstream certificate trusted? see --upstream-ca)", cause);
            }
            if (t instanceof ConnectTimeoutException) {
                return new UpstreamException(UpstreamException.Kind.CONNECT, host, doing + " timed out: " + t.getMessage(), cause);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return new UpstreamException(UpstreamException.Kind.CONNECT, host, doing + " failed: " + t.getMessage(), cause);
            }
        }
        return new UpstreamException(UpstreamException.Kind.RESET, host, "connection failed while " + doing + ": "
                + cause, cause);
    }
}
