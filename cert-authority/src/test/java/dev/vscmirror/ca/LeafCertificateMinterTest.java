package dev.vscmirror.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeafCertificateMinterTest {
    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        ca = CertificateAuthority.loadOrCreate(dir, CaTestSupport.DOMAINS);
        executor = CaTestSupport.executor();
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private LeafCertificateMinter minter(Executor ex) {
        return new LeafCertificateMinter(ca, HostPatterns.of(CaTestSupport.HOSTS), Duration.ofDays(90), ex);
    }

    @Test
    void mintedLeafHasTheRequiredShape() throws Exception {
        LeafCertificate leaf = minter(executor).leafFor("Marketplace.VisualStudio.com").get(60, TimeUnit.SECONDS);
        X509Certificate c = leaf.leaf();
        assertEquals(2, leaf.chain().size(), "leaf then issuing CA");
        assertEquals(ca.issuingChain().get(0), leaf.chain().get(1));
        assertEquals(List.of(List.of(2, "marketplace.visualstudio.com")),
                c.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage(), "serverAuth");
        assertEquals(-1, c.getBasicConstraints(), "not a CA");
        assertTrue(c.getCriticalExtensionOIDs().contains("2.5.29.19"), "basic constraints critical");
        assertTrue(c.getExtensionValue("2.5.29.14") != null, "SKI");
        assertTrue(c.getExtensionValue("2.5.29.35") != null, "AKI");
        assertTrue(c.getSerialNumber().signum() > 0);
        // 127 random bits: below 64 bits with probability 2^-63
        assertTrue(c.getSerialNumber().bitLength() >= 64, c.getSerialNumber().toString(16));
        assertTrue(c.getSerialNumber().compareTo(BigInteger.ONE.shiftLeft(127)) < 0, "fits 16 octets");
        Instant now = Instant.now();
        Duration backdate = Duration.between(c.getNotBefore().toInstant(), now);
        assertTrue(backdate.compareTo(Duration.ofHours(23)) > 0 && backdate.compareTo(Duration.ofHours(25)) < 0, backdate.toString());
        assertTrue(Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays() <= 397);
        assertEquals(c.getNotAfter().toInstant(), leaf.notAfter());
        assertInstanceOf(ECPublicKey.class, c.getPublicKey());
        assertEquals(256, ((ECPublicKey) c.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        CaTestSupport.pkixValidate(ca.certificate(), leaf.chain());
    }

    @Test
    void oneKeyPairServesEveryLeaf() throws Exception {
        LeafCertificateMinter m = minter(executor);
        LeafCertificate a = m.leafFor("marketplace.visualstudio.com").get(60, TimeUnit.SECONDS);
        LeafCertificate b = m.leafFor("x.gallery.vsassets.io").get(60, TimeUnit.SECONDS);
        assertEquals(a.key(), b.key());
        assertEquals(a.leaf().getPublicKey(), b.leaf().getPublicKey());
        CaTestSupport.pkixValidate(ca.certificate(), b.chain());
    }

    @Test
    void serialsAreUniqueOverTenThousandMints() throws Exception {
        LeafCertificateMinter m = minter(executor);
        Set<BigInteger> serials = new HashSet<>();
        int n = 10_000;
        List<CompletableFuture<LeafCertificate>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(m.leafFor("h" + i + ".gallerycdn.vsassets.io"));
            if (batch.size() == 500 || i == n - 1) {
                for (CompletableFuture<LeafCertificate> f : batch) {
                    serials.add(f.get(120, TimeUnit.SECONDS).leaf().getSerialNumber());
                }
                batch.clear();
            }
        }
        assertEquals(n, serials.size());
        assertEquals(n, m.mintedCount());
        assertTrue(m.lastMintNanos() > 0);
    }

    @Test
    void hostOffTheListIsRefusedNamingTheHost() {
        LeafCertificateMinter m = minter(executor);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> m.leafFor("www.example.com").get(60, TimeUnit.SECONDS));
        HostNotAllowedException cause = assertInstanceOf(HostNotAllowedException.class, e.getCause());
        assertEquals("www.example.com", cause.host());
        assertTrue(cause.getMessage().contains("www.example.com") && cause.getMessage().contains("*.gallery.vsassets.io"),
                cause.getMessage());
        // on a permitted domain but not in the host list: still refused
        assertThrows(ExecutionException.class, () -> m.leafFor("visualstudio.com").get(60, TimeUnit.SECONDS));
        assertEquals(0, m.mintedCount());
    }

    @Test
    void listedHostOutsideTheCaConstraintsIsRefused() {
        LeafCertificateMinter m = new LeafCertificateMinter(ca, HostPatterns.of(List.of("mirror.example.org")),
                Duration.ofDays(30), executor);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> m.leafFor("mirror.example.org").get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("name constraints"), e.getCause().getMessage());
    }

    @Test
    void mintingRunsOnTheExecutorAndConcurrentCallersShareIt() throws Exception {
        Queue<Runnable> queued = new ArrayDeque<>();
        LeafCertificateMinter m = minter(queued::add);
        CompletableFuture<LeafCertificate> first = m.leafFor("main.vscode-cdn.net");
        CompletableFuture<LeafCertificate> second = m.leafFor("MAIN.vscode-cdn.net");
        assertFalse(first.isDone(), "nothing minted on the caller's thread");
        assertSame(first, second);
        assertEquals(1, queued.size(), "one minting for one host");
        queued.poll().run();
        assertTrue(first.isDone());
        assertSame(first.get().leaf(), m.leafFor("main.vscode-cdn.net").get().leaf(), "cached");
        assertEquals(1, m.mintedCount());
    }

    @Test
    void leafIsRenewedNearExpiry() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        LeafCertificateMinter m = new LeafCertificateMinter(ca, HostPatterns.of(CaTestSupport.HOSTS),
                Duration.ofDays(90), executor, clock);
        X509Certificate first = m.leafFor("update.code.visualstudio.com").get(60, TimeUnit.SECONDS).leaf();
        clock.now = clock.now.plus(Duration.ofDays(30));
        assertSame(first, m.leafFor("update.code.visualstudio.com").get(60, TimeUnit.SECONDS).leaf(), "still fresh");
        clock.now = clock.now.plus(Duration.ofDays(35));
        X509Certificate renewed = m.leafFor("update.code.visualstudio.com").get(60, TimeUnit.SECONDS).leaf();
        assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber());
        assertTrue(renewed.getNotAfter().after(first.getNotAfter()));
        assertEquals(2, m.mintedCount());
    }

    @Test
    void validityOverTheLimitIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeafCertificateMinter(ca,
                HostPatterns.of(CaTestSupport.HOSTS), Duration.ofDays(398), executor));
        assertTrue(e.getMessage().contains("397 days"), e.getMessage());
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
