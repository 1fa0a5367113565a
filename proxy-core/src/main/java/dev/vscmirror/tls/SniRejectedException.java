package dev.vscmirror.tls;

/** The SNI mapping refused a host; {@link #reason()} is one of the {@link HandshakeObserver} reasons. */
public final class SniRejectedException extends RuntimeException {
    private final String reason;

    public SniRejectedException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
