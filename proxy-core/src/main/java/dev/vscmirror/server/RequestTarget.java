package dev.vscmirror.server;

import java.net.URI;
import java.util.Locale;

/**
 * The host and origin-form target of a request: from an absolute URI (forward proxy, {@code GET http://host/x}),
 * else from the {@code Host} header, else from the connection's server name (SNI or CONNECT host).
 *
 * @param host         lower-case host name without port
 * @param pathAndQuery origin-form target, starting with {@code /}
 * @param absolute     true when the request used an absolute URI
 */
public record RequestTarget(String host, String pathAndQuery, boolean absolute) {

    /**
     * @return the target, or null when the request names no usable host or target (answer 400)
     */
    public static RequestTarget of(String uri, String hostHeader, String serverName) {
        if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
            try {
                URI u = new URI(uri);
                if (u.getHost() == null) {
                    return null;
                }
                String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
                return new RequestTarget(u.getHost().toLowerCase(Locale.ROOT), path + query, true);
            } catch (java.net.URISyntaxException e) {
                return null;
            }
        }
        if (!uri.startsWith("/")) {
            return null;
        }
        String host = hostOnly(hostHeader);
        if (host == null) {
            host = serverName == null || serverName.isBlank() ? null : serverName.toLowerCase(Locale.ROOT);
        }
        return host == null ? null : new RequestTarget(host, uri, false);
    }

    /** {@code Host} header value without the port, lower case; null when blank. */
    static String hostOnly(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        return (colon < 0 ? h : h.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
