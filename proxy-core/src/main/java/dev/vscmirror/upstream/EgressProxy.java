package dev.vscmirror.upstream;

import io.netty.handler.proxy.HttpProxyHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The optional egress HTTP proxy ({@code upstream.egressProxy}, {@code http://[user:pass@]host:port}); upstream
 * connections tunnel through it with CONNECT and, when credentials are given, {@code Proxy-Authorization: Basic}.
 */
record EgressProxy(String host, int port, String user, String password) {

    /** Parses the configured URI; null stays null. */
    static EgressProxy of(URI uri) {
        if (uri == null) {
            return null;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("upstream.egressProxy: '" + uri
                    + "' (expected: http://[user:pass@]host:port)");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        return new EgressProxy(uri.getHost(), port, user, password);
    }

    /** A fresh handler (one per channel); {@code proxyAddress} is this proxy, already resolved. */
    HttpProxyHandler newHandler(InetSocketAddress proxyAddress, long connectTimeoutMillis) {
        HttpProxyHandler handler = user == null
                ? new HttpProxyHandler(proxyAddress)
                : new HttpProxyHandler(proxyAddress, user, password);
        handler.setConnectTimeoutMillis(connectTimeoutMillis);
        return handler;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "http://" + (user == null ? "" : user + ":***@") + host + ":" + port;
    }
}
