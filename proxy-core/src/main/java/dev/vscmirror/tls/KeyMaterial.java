package dev.vscmirror.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server key and its certificate chain, leaf first (what the CA's minter hands out for one host).
 *
 * @param key   the leaf's private key
 * @param chain the leaf certificate followed by the certificates that issued it; never empty
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    public KeyMaterial {
        if (key == null) {
            throw new IllegalArgumentException("key: null (expected: the leaf's private key)");
        }
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: the leaf certificate first)");
        }
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }
}
