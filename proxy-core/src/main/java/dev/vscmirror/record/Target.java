package dev.vscmirror.record;

import java.util.Locale;

/** The upstream host and port of a forwarded request, from the server's {@code host} or {@code host:port}. */
record Target(String host, int port) {
    static final int HTTPS = 443;

    static Target parse(String hostAndPort) {
        String h = hostAndPort.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon && (h.startsWith("[") || h.indexOf(':') == colon)) {
            try {
                int port = Integer.parseInt(h.substring(colon + 1));
                return new Target(strip(h.substring(0, colon)), port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("host: '" + hostAndPort + "' (expected: HOST or HOST:PORT)");
            }
        }
        return new Target(strip(h), HTTPS);
    }

    /** {@code host} or {@code host:port} when the port is not 443 (Host header, recorded URL). */
    String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == HTTPS ? h : h + ":" + port;
    }

    /** The origin-form target ({@code /path?query}) of a request URI that may be absolute-form. */
    static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme > 0 && !uri.startsWith("/")) {
            int slash = uri.indexOf('/', scheme + 3);
            int question = uri.indexOf('?', scheme + 3);
            if (slash < 0 && question < 0) {
                return "/";
            }
            int start = slash < 0 ? question : (question < 0 ? slash : Math.min(slash, question));
            String rest = uri.substring(start);
            return rest.startsWith("?") ? "/" + rest : rest;
        }
        return uri.isEmpty() ? "/" : uri;
    }

    private static String strip(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
