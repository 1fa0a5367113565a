package dev.vscmirror.ca;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** Signs one TLS server leaf for one DNS name. No checks of the name: the minter decides what may be minted. */
final class LeafCertificateFactory {
    /** Apple and the CA/Browser Forum cap TLS server certificates at 398 days; we stay under. */
    static final Duration MAX_VALIDITY = Duration.ofDays(397);
    private static final Duration BACKDATE = Duration.ofDays(1);

    private LeafCertificateFactory() {}

    /**
     * @param dnsName  the (normalised) name for the SAN
     * @param validity how long from {@code now}; the whole span from the backdated not-before stays within 397 days
     */
    static X509Certificate sign(CertificateAuthority ca, String dnsName, PublicKey leafKey, Duration validity, Instant now) {
        X509Certificate issuer = ca.issuingCertificate();
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(notBefore.plus(MAX_VALIDITY))) {
            notAfter = notBefore.plus(MAX_VALIDITY);
        }
        if (notAfter.isAfter(issuer.getNotAfter().toInstant())) {
            notAfter = issuer.getNotAfter().toInstant(); // a leaf never outlives its issuer
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, dnsName).build();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, Certificates.newSerial(),
                Date.from(notBefore), Date.from(notAfter), subject, leafKey);
        Certificates.extensions(() -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            b.addExtension(Extension.subjectKeyIdentifier, false, Certificates.subjectKeyId(leafKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, Certificates.authorityKeyId(issuer));
        });
        return Certificates.sign(b, ca.issuingKey());
    }
}
