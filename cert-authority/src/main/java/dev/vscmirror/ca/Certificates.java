package dev.vscmirror.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Shared pieces of certificate building: keys, serials, key identifiers, signing. */
final class Certificates {
    /**
     * EC P-256 (secp256r1) with ECDSA/SHA-256 for every key here: it is the one curve every client we serve
     * implements (Chromium/Electron's BoringSSL, Node's OpenSSL, Java's SunEC, curl with OpenSSL/GnuTLS/NSS,
     * Windows SChannel, macOS Security.framework); TLS 1.3 makes it mandatory (RFC 8446 §9.1). RSA-2048 is as
     * widely accepted but slower to generate and sign, and larger on the wire; P-384/Ed25519 are not universal.
     */
    static final String CURVE = "secp256r1";
    static final String SIGNATURE = "SHA256withECDSA";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    private Certificates() {}

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(CURVE), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC " + CURVE + " keys", e);
        }
    }

    /** A positive random serial of 127 bits (RFC 5280 §4.1.2.2: at most 20 octets; CA/B: at least 64 random bits). */
    static BigInteger newSerial() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            RANDOM.nextBytes(bytes);
            bytes[0] &= 0x7f; // keeps the DER encoding at 16 octets
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /** Random bytes as hex: unique names per install. */
    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    static SubjectKeyIdentifier subjectKeyId(PublicKey key) {
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is unavailable", e);
        }
    }

    static AuthorityKeyIdentifier authorityKeyId(X509Certificate issuer) {
        try {
            return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is unavailable", e);
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer));
            return CONVERTER.getCertificate(holder);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign a certificate with " + SIGNATURE, e);
        }
    }

    /** Wraps BouncyCastle's checked extension error (which means a programming error here). */
    interface ExtensionAdder {
        void add() throws CertIOException;
    }

    static void extensions(ExtensionAdder adder) {
        try {
            adder.add();
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode a certificate extension", e);
        }
    }
}
