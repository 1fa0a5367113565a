package dev.vscmirror.admin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;

/** Presentation of the CA certificate: PEM, fingerprint, days to expiry. Never touches a key. */
final class CaInfo {
    /** Below this many days to expiry the status page warns (issue 6). */
    static final long WARN_DAYS = 90;

    private CaInfo() {}

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("CA certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    static String pem(X509Certificate certificate) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der(certificate));
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }

    /** SHA-256 of the DER encoding, upper-case hex pairs separated by colons (as browsers show it). */
    static String fingerprintSha256(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der(certificate));
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** Whole days from {@code now} to notAfter; negative once expired. */
    static long daysToExpiry(X509Certificate certificate, Instant now) {
        return Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
    }
}
