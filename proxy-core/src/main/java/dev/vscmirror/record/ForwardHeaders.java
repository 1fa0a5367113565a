package dev.vscmirror.record;

import dev.vscmirror.store.Header;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header rules of the record path: hop-by-hop headers (RFC 9110 §7.6.1, plus the names listed in
 * {@code Connection}) never cross the mirror, {@code Accept-Encoding} is narrowed to the request key's encoding
 * class (protocol §6.2) so the stored body matches the key, and the client's framing is rebuilt from upstream's.
 */
final class ForwardHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private ForwardHeaders() {
    }

    /** The headers to send upstream: the client's minus hop-by-hop and Expect, Accept-Encoding narrowed. */
    static HttpHeaders forUpstream(HttpHeaders client, String hostHeader, int bodyLength, HttpMethod method) {
        Set<String> drop = dropped(client);
        drop.add("expect"); // the body is already complete; no 100-continue dance upstream
        drop.add("content-length");
        drop.add("accept-encoding");
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : client) {
            if (!drop.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.add(h.getKey(), h.getValue());
            }
        }
        if (!out.contains(HttpHeaderNames.HOST)) {
            out.set(HttpHeaderNames.HOST, hostHeader);
        }
        out.set(HttpHeaderNames.ACCEPT_ENCODING, RequestKey.acceptsGzip(client.get(HttpHeaderNames.ACCEPT_ENCODING))
                ? HttpHeaderValues.GZIP : HttpHeaderValues.IDENTITY);
        if (bodyLength > 0 || HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method)) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, bodyLength);
        }
        return out;
    }

    /** Upstream's response headers minus hop-by-hop, in order, names as upstream sent them (what is recorded). */
    static List<Header> recorded(HttpHeaders upstream) {
        Set<String> drop = dropped(upstream);
        List<Header> out = new ArrayList<>();
        for (Map.Entry<String, String> h : upstream) {
            if (!drop.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.add(new Header(h.getKey(), h.getValue()));
            }
        }
        return out;
    }

    /**
     * The headers for the client: upstream's minus hop-by-hop, with framing the client's codec can honour: chunked
     * when upstream was chunked or close-delimited, upstream's Content-Length otherwise.
     */
    static HttpHeaders forClient(HttpResponse upstream, HttpMethod requestMethod) {
        HttpHeaders out = new DefaultHttpHeaders();
        for (Header h : recorded(upstream.headers())) {
            out.add(h.name(), h.value());
        }
        boolean bodyless = HttpMethod.HEAD.equals(requestMethod) || upstream.status().code() == 204
                || upstream.status().code() == 304 || upstream.status().code() < 200;
        if (!bodyless && (HttpUtil.isTransferEncodingChunked(upstream) || !out.contains(HttpHeaderNames.CONTENT_LENGTH))) {
            out.remove(HttpHeaderNames.CONTENT_LENGTH);
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return out;
    }

    private static Set<String> dropped(HttpHeaders headers) {
        Set<String> drop = new HashSet<>(HOP_BY_HOP);
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    drop.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return drop;
    }
}
