package dev.vscmirror.ca;

/** The CA in a directory cannot be created or used; the message names the file and says what to do. */
public class CertificateAuthorityException extends RuntimeException {
    public CertificateAuthorityException(String message) {
        super(message);
    }

    public CertificateAuthorityException(String message, Throwable cause) {
        super(message, cause);
    }
}
