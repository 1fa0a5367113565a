package dev.vscmirror.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real openssl binary (present on the build machine) checks what clients built on OpenSSL will check. */
class OpenSslVerifyTest {
    @TempDir
    Path dir;

    record Result(int exit, String output) {}

    private Result openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl finished");
        return new Result(p.exitValue(), out);
    }

    private Path write(String name, List<X509Certificate> certs) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, PemFiles.pem(certs));
        return p;
    }

    @Test
    void opensslAcceptsMintedLeaves() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), CaTestSupport.DOMAINS);
        ExecutorService ex = CaTestSupport.executor();
        try {
            LeafCertificateMinter m = new LeafCertificateMinter(ca, HostPatterns.of(CaTestSupport.HOSTS), Duration.ofDays(90), ex);
            for (String host : List.of("marketplace.visualstudio.com", "ms-python.gallerycdn.vsassets.io")) {
                LeafCertificate leaf = m.leafFor(host).get(60, TimeUnit.SECONDS);
                Path leafPem = write("leaf.pem", List.of(leaf.leaf()));
                Path untrusted = write("untrusted.pem", ca.issuingChain());
                Result r = openssl("verify", "-CAfile", ca.caDir().resolve("ca.crt").toString(), "-untrusted",
                        untrusted.toString(), "-purpose", "sslserver", "-verify_hostname", host, leafPem.toString());
                assertEquals(0, r.exit(), r.output());
                assertTrue(r.output().contains(": OK"), r.output());
            }
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void opensslShowsThePermittedNames() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), CaTestSupport.DOMAINS);
        Result r = openssl("x509", "-in", ca.caDir().resolve("ca.crt").toString(), "-noout", "-ext", "nameConstraints");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("critical"), r.output());
        for (String d : CaTestSupport.DOMAINS) {
            assertTrue(r.output().contains("DNS:" + d), r.output());
        }
        assertTrue(r.output().contains("Excluded"), r.output());
    }

    @Test
    void opensslRejectsALeafOutsideTheConstraints() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), CaTestSupport.DOMAINS);
        X509Certificate evil = LeafCertificateFactory.sign(ca, "www.example.com", Certificates.newKeyPair().getPublic(),
                Duration.ofDays(30), Instant.now());
        Path leafPem = write("evil.pem", List.of(evil));
        Path untrusted = write("untrusted.pem", ca.issuingChain());
        Result r = openssl("verify", "-CAfile", ca.caDir().resolve("ca.crt").toString(), "-untrusted",
                untrusted.toString(), leafPem.toString());
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("subtree violation"), r.output());
    }
}
