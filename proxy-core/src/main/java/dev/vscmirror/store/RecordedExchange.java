package dev.vscmirror.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One recorded upstream answer.
 *
 * @param requestKey     {@link dev.vscmirror.record.RequestKey#value()} of the request
 * @param method         request method, upper-case
 * @param url            the absolute https URL the client asked ({@code https://host/path?query})
 * @param status         upstream status code
 * @param headers        upstream response headers minus hop-by-hop, in order
 * @param bodySha256     SHA-256 of the body as upstream sent it, or null when the body is empty
 * @param bodySize       body size in bytes (0 when empty)
 * @param recordedAt     when the answer completed
 * @param upstream       the upstream address that answered (host or host:port)
 * @param upstreamMillis upstream response time in milliseconds
 */
public record RecordedExchange(String requestKey, String method, String url, int status, List<Header> headers,
        String bodySha256, long bodySize, Instant recordedAt, String upstream, long upstreamMillis) {
    public RecordedExchange {
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (bodySha256 != null) {
            Blobs.checkDigest(bodySha256);
        } else if (bodySize != 0) {
            throw new IllegalArgumentException("bodySize: " + bodySize + " (expected: 0 when bodySha256 is null)");
        }
        if (bodySize < 0) {
            throw new IllegalArgumentException("bodySize: " + bodySize + " (expected: >= 0)");
        }
    }

    /** The lower-case host of {@link #url()}, or "" if the URL has none. */
    public String host() {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The first header with this name (case-insensitive), or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
