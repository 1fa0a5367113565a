package dev.vscmirror.ca;

import java.util.List;

/** A certificate was asked for a host the mirror must not impersonate. */
public final class HostNotAllowedException extends RuntimeException {
    private final String host;

    public HostNotAllowedException(String host, String reason) {
        super("no certificate for '" + host + "': " + reason);
        this.host = host;
    }

    /** Not in the configured host list. */
    static HostNotAllowedException notListed(String host, List<String> patterns) {
        return new HostNotAllowedException(host, "it is not in the configured host list " + patterns);
    }

    /** The host the certificate was asked for, as given. */
    public String host() {
        return host;
    }
}
