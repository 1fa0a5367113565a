package dev.vscmirror.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    @TempDir
    Path dir;

    @Test
    void createsRootFilesWithAnOwnerOnlyKey() throws Exception {
        Path caDir = dir.resolve("ca");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(caDir, CaTestSupport.DOMAINS);
        assertTrue(Files.isRegularFile(caDir.resolve("ca.crt")));
        assertTrue(Files.readString(caDir.resolve("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----"));
        assertArrayEquals(ca.certificate().getEncoded(), Files.readAllBytes(caDir.resolve("ca.cer")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir.resolve("ca.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir)));
        X509Certificate root = ca.certificate();
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertTrue(root.getPublicKey() instanceof ECPublicKey);
        assertEquals("SHA256withECDSA", root.getSigAlgName());
        assertTrue(root.getBasicConstraints() >= 0, "root is a CA");
        long years = Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()).toDays() / 365;
        assertEquals(10, years);
        assertTrue(root.getCriticalExtensionOIDs().contains("2.5.29.30"), "critical name constraints on the root");
        X509Certificate issuing = ca.issuingChain().get(0);
        assertTrue(issuing.getCriticalExtensionOIDs().contains("2.5.29.30"), "critical name constraints on the issuing CA");
        assertEquals(0, issuing.getBasicConstraints(), "issuing CA signs leaves only");
        assertEquals(CaTestSupport.DOMAINS, ca.permittedDomains());
    }

    @Test
    void eachInstallHasItsOwnSubject() {
        CertificateAuthority a = CertificateAuthority.loadOrCreate(dir.resolve("a"), CaTestSupport.DOMAINS);
        CertificateAuthority b = CertificateAuthority.loadOrCreate(dir.resolve("b"), CaTestSupport.DOMAINS);
        assertNotEquals(a.certificate().getSubjectX500Principal(), b.certificate().getSubjectX500Principal());
    }

    @Test
    void restartReusesTheCa() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        CertificateAuthority second = CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        assertArrayEquals(first.certificate().getEncoded(), second.certificate().getEncoded());
        assertArrayEquals(first.issuingChain().get(0).getEncoded(), second.issuingChain().get(0).getEncoded());
        // the reloaded key signs leaves that the first instance's root accepts
        X509Certificate leaf = LeafCertificateFactory.sign(second, "marketplace.visualstudio.com",
                Certificates.newKeyPair().getPublic(), Duration.ofDays(30), Instant.now());
        CaTestSupport.pkixValidate(first.certificate(), List.of(leaf, first.issuingChain().get(0)));
    }

    @Test
    void worldReadableKeyIsRefused() throws Exception {
        CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        Path key = dir.resolve("ca.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        CertificateAuthorityException e = assertThrows(CertificateAuthorityException.class,
                () -> CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS));
        assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void groupReadableKeyIsRefused() throws Exception {
        CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        Files.setPosixFilePermissions(dir.resolve("ca.key"), PosixFilePermissions.fromString("rw-r-----"));
        assertThrows(CertificateAuthorityException.class, () -> CertificateAuthority.load(dir));
    }

    @Test
    void keyFromAnotherCaIsRefused() throws Exception {
        CertificateAuthority.loadOrCreate(dir.resolve("a"), CaTestSupport.DOMAINS);
        CertificateAuthority.loadOrCreate(dir.resolve("b"), CaTestSupport.DOMAINS);
        Files.copy(dir.resolve("b/ca.key"), dir.resolve("a/ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CertificateAuthorityException e = assertThrows(CertificateAuthorityException.class,
                () -> CertificateAuthority.load(dir.resolve("a")));
        assertTrue(e.getMessage().contains("is not the key of"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws Exception {
        CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        Files.delete(dir.resolve("issuing.crt"));
        CertificateAuthorityException e = assertThrows(CertificateAuthorityException.class,
                () -> CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS));
        assertTrue(e.getMessage().contains("issuing.crt is missing"), e.getMessage());
    }

    @Test
    void leafOutsideTheConstraintsIsRejectedByPkixEvenWhenSignedByTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        X509Certificate inside = LeafCertificateFactory.sign(ca, "marketplace.visualstudio.com",
                Certificates.newKeyPair().getPublic(), Duration.ofDays(30), Instant.now());
        CaTestSupport.pkixValidate(ca.certificate(), List.of(inside, ca.issuingChain().get(0)));
        X509Certificate outside = LeafCertificateFactory.sign(ca, "www.example.com",
                Certificates.newKeyPair().getPublic(), Duration.ofDays(30), Instant.now());
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> CaTestSupport.pkixValidate(ca.certificate(), List.of(outside, ca.issuingChain().get(0))));
        assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("name constraints"), e.getMessage());
        // a look-alike suffix is not below a permitted domain either
        X509Certificate lookAlike = LeafCertificateFactory.sign(ca, "evilvisualstudio.com",
                Certificates.newKeyPair().getPublic(), Duration.ofDays(30), Instant.now());
        assertThrows(CertPathValidatorException.class,
                () -> CaTestSupport.pkixValidate(ca.certificate(), List.of(lookAlike, ca.issuingChain().get(0))));
    }

    @Test
    void permitsFollowsTheConstraints() {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        assertTrue(ca.permits("visualstudio.com"));
        assertTrue(ca.permits("Marketplace.VisualStudio.com"));
        assertTrue(!ca.permits("evilvisualstudio.com"));
        assertTrue(!ca.permits("example.com"));
    }
}
