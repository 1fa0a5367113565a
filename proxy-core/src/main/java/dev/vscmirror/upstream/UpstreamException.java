package dev.vscmirror.upstream;

/**
 * An upstream exchange failed: the message names the host and what went wrong. {@link #kind()} says whether a
 * retry could help and lets callers choose a status for the client (502 vs 504).
 */
public final class UpstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Kind {
        /** DNS or TCP connect failed (retryable for idempotent requests). */
        CONNECT,
        /** The TLS handshake or certificate check failed. */
        TLS,
        /** The egress proxy refused or failed the CONNECT. */
        PROXY,
        /** The target resolved to one of the mirror's own listening addresses. */
        LOOP,
        /** No data within the read timeout. */
        TIMEOUT,
        /** The connection broke or the answer was malformed after the request was sent. */
        RESET
    }

    private final Kind kind;
    private final String host;

    public UpstreamException(Kind kind, String host, String message, Throwable cause) {
        super(host + ": " + message, cause);
        this.kind = kind;
        this.host = host;
    }

    public UpstreamException(Kind kind, String host, String message) {
        this(kind, host, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream host the request was for. */
    public String host() {
        return host;
    }

    /** True for failures a retry of an idempotent request may cure. */
    public boolean retryable() {
        return kind == Kind.CONNECT;
    }
}
