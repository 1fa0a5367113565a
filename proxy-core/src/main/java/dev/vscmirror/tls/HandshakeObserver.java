package dev.vscmirror.tls;

/** Told about every TLS handshake the mirror refused or that failed; wired to metrics by the serve command. */
@FunctionalInterface
public interface HandshakeObserver {
    /** The client sent no SNI name (and the connection has no CONNECT host to fall back to). */
    String NO_SNI = "no_sni";
    /** The SNI name is not on the mirror's host list. */
    String UNLISTED_HOST = "unlisted_host";
    /** The client rejected the mirror's certificate (it does not trust the mirror's CA). */
    String UNKNOWN_CA = "unknown_ca";
    /** Any other failure: timeout, protocol mismatch, not TLS at all, reset. */
    String OTHER = "other";

    HandshakeObserver NONE = reason -> { };

    /** Called once per failed handshake with one of {@link #NO_SNI}, {@link #UNLISTED_HOST}, {@link #UNKNOWN_CA}, {@link #OTHER}. */
    void handshakeFailure(String reason);
}
