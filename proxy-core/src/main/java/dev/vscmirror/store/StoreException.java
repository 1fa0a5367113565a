package dev.vscmirror.store;

/** A failure of the content store; the message names the store directory, file or key involved. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
