package dev.vscmirror.ca;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** Builds the two CA certificates: the self-signed root clients trust, and the issuing CA that signs leaves. */
final class CaCertificateFactory {
    static final Duration CA_VALIDITY = Duration.ofDays(3650); // 10 years
    static final Duration BACKDATE = Duration.ofDays(1); // tolerate clients whose clock is a little behind

    /** A new root and issuing CA; the root's private key is returned only so the caller can drop it. */
    record NewCa(X509Certificate root, X509Certificate issuing, KeyPair issuingKey) {}

    private CaCertificateFactory() {}

    static NewCa create(List<String> permittedDomains, Instant now) {
        String id = Certificates.randomHex(6);
        KeyPair rootKey = Certificates.newKeyPair();
        KeyPair issuingKey = Certificates.newKeyPair();
        Date notBefore = Date.from(now.minus(BACKDATE));
        Date notAfter = Date.from(now.plus(CA_VALIDITY));
        NameConstraints constraints = nameConstraints(permittedDomains);

        X500Name rootName = name("vscmirror root CA " + id);
        X509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(rootName, Certificates.newSerial(), notBefore,
                notAfter, rootName, rootKey.getPublic());
        Certificates.extensions(() -> {
            root.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
            root.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            root.addExtension(Extension.subjectKeyIdentifier, false, Certificates.subjectKeyId(rootKey.getPublic()));
            // Most clients (OpenSSL, NSS, Chromium, macOS, Windows) honour constraints on the trust anchor itself.
            root.addExtension(Extension.nameConstraints, true, constraints);
        });
        X509Certificate rootCert = Certificates.sign(root, rootKey.getPrivate());

        X509v3CertificateBuilder issuing = new JcaX509v3CertificateBuilder(rootCert, Certificates.newSerial(),
                notBefore, notAfter, name("vscmirror issuing CA " + id), issuingKey.getPublic());
        Certificates.extensions(() -> {
            issuing.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            issuing.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            // EKU on a CA restricts what it may issue (Chromium, NSS and Windows chain it): TLS servers only.
            issuing.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            issuing.addExtension(Extension.subjectKeyIdentifier, false, Certificates.subjectKeyId(issuingKey.getPublic()));
            issuing.addExtension(Extension.authorityKeyIdentifier, false, Certificates.authorityKeyId(rootCert));
            // Java's PKIX ignores constraints on a trust anchor; on this intermediate every validator enforces them.
            issuing.addExtension(Extension.nameConstraints, true, constraints);
        });
        return new NewCa(rootCert, Certificates.sign(issuing, rootKey.getPrivate()), issuingKey);
    }

    /**
     * Critical name constraints: permitted dNSName subtrees for the configured domains (each covers the domain
     * and every name below it, RFC 5280 §4.2.1.10), and every IPv4/IPv6 address excluded, since a dNSName-only
     * constraint leaves IP-address names unconstrained.
     */
    static NameConstraints nameConstraints(List<String> permittedDomains) {
        if (permittedDomains.isEmpty()) {
            throw new IllegalArgumentException("permittedDomains: empty (expected: at least one domain)");
        }
        List<GeneralSubtree> permitted = new ArrayList<>();
        for (String d : permittedDomains) {
            String domain = HostPatterns.normalize(d.startsWith("*.") ? d.substring(2) : d).orElseThrow(() ->
                    new IllegalArgumentException("permitted domain: '" + d + "' (expected: a DNS name)"));
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
        }
        GeneralSubtree[] excluded = {
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[8]))),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[32]))),
        };
        return new NameConstraints(permitted.toArray(new GeneralSubtree[0]), excluded);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "vscmirror").addRDN(BCStyle.CN, commonName).build();
    }
}
