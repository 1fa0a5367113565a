package dev.vscmirror.export.bundle;

/** A bundle cannot be written, read or trusted; the message names the file and what is wrong. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
