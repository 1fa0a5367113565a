package dev.vscmirror.upstream;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The client TLS context for upstream connections: the JDK's default trust store plus an optional PEM file of extra
 * CAs ({@code upstream.extraCa}); host names are verified (endpoint identification "HTTPS").
 */
final class UpstreamTrust {
    private UpstreamTrust() {
    }

    /** Builds the context; {@code extraCa} may be null. Fails with a message naming the file when it is unusable. */
    static SslContext clientContext(Path extraCa) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate cert : systemCertificates()) {
                trusted.setCertificateEntry("system-" + n++, cert);
            }
            if (extraCa != null) {
                List<X509Certificate> extra = readPem(extraCa);
                if (extra.isEmpty()) {
                    throw new IllegalArgumentException("upstream.extraCa: " + extraCa
                            + " holds no certificate (expected: PEM 'BEGIN CERTIFICATE' blocks)");
                }
                for (X509Certificate cert : extra) {
                    trusted.setCertificateEntry("extra-" + n++, cert);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            return SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .trustManager(tmf)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("upstream TLS: cannot build the trust store"
                    + (extraCa == null ? "" : " with extra CA " + extraCa) + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> systemCertificates() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> certs = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                certs.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return certs;
    }

    private static List<X509Certificate> readPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("upstream.extraCa: " + file + " is not a PEM certificate file: "
                    + e.getMessage(), e);
        }
    }
}
