package dev.vscmirror.ca;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The install's own certificate authority, kept in one directory:
 * <ul>
 *   <li>{@code ca.crt} (PEM) and {@code ca.cer} (DER): the self-signed root that clients trust;</li>
 *   <li>{@code issuing.crt} (PEM): the issuing CA, signed by the root, sent after each leaf;</li>
 *   <li>{@code ca.key} (PKCS#8 PEM, mode 0600): the issuing CA's private key, which signs leaves.</li>
 * </ul>
 * Two tiers, because Java's PKIX validator ignores name constraints on a trust anchor: the critical name
 * constraints are on the root (for OpenSSL, NSS, Chromium, Windows, macOS) and again on the issuing CA, where
 * every validator, Java's included, enforces them. The root's private key is discarded right after it signs the
 * issuing CA, so no key on disk can create an unconstrained CA; a new CA means {@code vscmirror ca init --force}
 * and re-distributing {@code ca.crt}.
 */
public final class CertificateAuthority {
    static final String ROOT_PEM = "ca.crt";
    static final String ROOT_DER = "ca.cer";
    static final String ISSUING_PEM = "issuing.crt";
    static final String KEY = "ca.key";

    private final Path caDir;
    private final X509Certificate root;
    private final X509Certificate issuing;
    private final PrivateKey issuingKey;
    private final List<String> permittedDomains;

    private CertificateAuthority(Path caDir, X509Certificate root, X509Certificate issuing, PrivateKey issuingKey) {
        this.caDir = caDir;
        this.root = root;
        this.issuing = issuing;
        this.issuingKey = issuingKey;
        this.permittedDomains = readPermittedDomains(issuing);
    }

    /**
     * Loads the CA from {@code caDir}, or creates it there when {@code ca.crt} does not exist yet.
     *
     * @param permittedDomains the domains for the name constraints of a new CA; for an existing CA, domains it
     *                         does not cover are logged (leaves for them will be refused)
     * @throws CertificateAuthorityException when the files are unreadable, inconsistent, or the key is readable
     *                                       by others
     */
    public static CertificateAuthority loadOrCreate(Path caDir, List<String> permittedDomains) {
        if (Files.exists(caDir.resolve(ROOT_PEM))) {
            CertificateAuthority ca = load(caDir);
            List<String> uncovered = permittedDomains.stream().filter(d -> !ca.permits(d.replaceFirst("^\\*\\.", ""))).toList();
            if (!uncovered.isEmpty()) {
                log().warn("the CA in {} does not permit {} (its name constraints: {}); certificates for those names "
                        + "will be refused until you run 'vscmirror ca init --force' and clients trust the new CA",
                        caDir, uncovered, ca.permittedDomains);
            }
            return ca;
        }
        return create(caDir, permittedDomains);
    }

    /** True when a CA exists in {@code caDir}. */
    public static boolean exists(Path caDir) {
        return Files.exists(caDir.resolve(ROOT_PEM));
    }

    /** Creates a new CA in {@code caDir}, replacing any CA there (clients must then trust the new {@code ca.crt}). */
    public static CertificateAuthority create(Path caDir, List<String> permittedDomains) {
        PemFiles.createOwnerOnlyDirectory(caDir);
        CaCertificateFactory.NewCa fresh = CaCertificateFactory.create(permittedDomains, Instant.now());
        try {
            // ca.crt last: its presence means the directory holds a complete CA
            PemFiles.writeAtomically(caDir.resolve(KEY), PemFiles.pem(fresh.issuingKey().getPrivate())
                    .getBytes(StandardCharsets.US_ASCII), true);
            PemFiles.writeAtomically(caDir.resolve(ISSUING_PEM), ascii(PemFiles.pem(List.of(fresh.issuing()))), false);
            PemFiles.writeAtomically(caDir.resolve(ROOT_DER), fresh.root().getEncoded(), false);
            PemFiles.writeAtomically(caDir.resolve(ROOT_PEM), ascii(PemFiles.pem(List.of(fresh.root()))), false);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the new root certificate", e);
        }
        log().info("created a new CA in {}: {}", caDir, fresh.root().getSubjectX500Principal().getName());
        return new CertificateAuthority(caDir, fresh.root(), fresh.issuing(), fresh.issuingKey().getPrivate());
    }

    /** Loads an existing CA, checking that the files belong together. */
    public static CertificateAuthority load(Path caDir) {
        for (String f : List.of(ROOT_PEM, ISSUING_PEM, KEY)) {
            if (!Files.isRegularFile(caDir.resolve(f))) {
                throw new CertificateAuthorityException("incomplete CA in " + caDir + ": " + f + " is missing "
                        + "(expected: ca.crt, issuing.crt and ca.key; run 'vscmirror ca init --force' to create a new CA)");
            }
        }
        X509Certificate root = PemFiles.readCertificates(caDir.resolve(ROOT_PEM)).get(0);
        X509Certificate issuing = PemFiles.readCertificates(caDir.resolve(ISSUING_PEM)).get(0);
        PrivateKey key = PemFiles.readPrivateKey(caDir.resolve(KEY));
        try {
            issuing.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateAuthorityException(caDir.resolve(ISSUING_PEM) + " was not signed by the root in "
                    + caDir.resolve(ROOT_PEM) + " (the files are from different CAs; run 'vscmirror ca init --force')", e);
        }
        if (!keyMatches(key, issuing.getPublicKey())) {
            throw new CertificateAuthorityException(caDir.resolve(KEY) + " is not the key of "
                    + caDir.resolve(ISSUING_PEM) + " (the files are from different CAs; run 'vscmirror ca init --force')");
        }
        Instant notAfter = root.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            throw new CertificateAuthorityException("the CA in " + caDir + " expired on " + notAfter
                    + "; run 'vscmirror ca init --force' and re-distribute ca.crt");
        }
        if (notAfter.isBefore(Instant.now().plus(Duration.ofDays(90)))) {
            log().warn("the CA in {} expires on {}; plan 'vscmirror ca init --force' and re-distributing ca.crt", caDir, notAfter);
        }
        return new CertificateAuthority(caDir, root, issuing, key);
    }

    /** Looked up only when something is logged: CLI commands that just read the CA skip logging's start-up. */
    private static Logger log() {
        return LoggerFactory.getLogger(CertificateAuthority.class);
    }

    /** The root certificate: what clients trust. */
    public X509Certificate certificate() {
        return root;
    }

    /** Certificates to send after a leaf (the issuing CA); never includes the root. */
    public List<X509Certificate> issuingChain() {
        return List.of(issuing);
    }

    public Path caDir() {
        return caDir;
    }

    /** The dNSName subtrees the CA's name constraints permit. */
    public List<String> permittedDomains() {
        return permittedDomains;
    }

    /** True when the name constraints permit {@code host} (the domain itself or a name below it). */
    public boolean permits(String host) {
        String h = HostPatterns.normalize(host).orElse(null);
        return h != null && permittedDomains.stream().anyMatch(d -> h.equals(d) || h.endsWith("." + d));
    }

    X509Certificate issuingCertificate() {
        return issuing;
    }

    PrivateKey issuingKey() {
        return issuingKey;
    }

    private static List<String> readPermittedDomains(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.nameConstraints.getId());
        if (ext == null) {
            throw new CertificateAuthorityException("the issuing CA " + cert.getSubjectX500Principal()
                    + " has no name constraints (expected: a CA created by vscmirror; run 'vscmirror ca init --force')");
        }
        NameConstraints nc = NameConstraints.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        List<String> out = new ArrayList<>();
        for (GeneralSubtree t : nc.getPermittedSubtrees() == null ? new GeneralSubtree[0] : nc.getPermittedSubtrees()) {
            if (t.getBase().getTagNo() == GeneralName.dNSName) {
                out.add(t.getBase().getName().toString());
            }
        }
        return List.copyOf(out);
    }

    private static boolean keyMatches(PrivateKey key, PublicKey pub) {
        try {
            byte[] probe = "vscmirror key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(Certificates.SIGNATURE);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(probe);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
