package dev.vscmirror.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A minted server certificate.
 *
 * @param key      the leaf's private key (one EC P-256 key shared by all leaves of a minter)
 * @param chain    the leaf first, then the issuing CA certificate(s); the root that clients trust is not included
 * @param notAfter the leaf's expiry
 */
public record LeafCertificate(PrivateKey key, List<X509Certificate> chain, Instant notAfter) {
    public LeafCertificate {
        chain = List.copyOf(chain);
    }

    /** The leaf certificate itself. */
    public X509Certificate leaf() {
        return chain.get(0);
    }
}
