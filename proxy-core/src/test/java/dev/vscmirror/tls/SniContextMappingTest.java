package dev.vscmirror.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SniContextMappingTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicInteger mints = new AtomicInteger();
    private final AtomicReference<HeldCertificate> current = new AtomicReference<>();

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();

    private SniContextMapping mapping() {
        current.set(leaf(ca));
        return new SniContextMapping(Set.of("marketplace.visualstudio.com")::contains, host -> {
            mints.incrementAndGet();
            HeldCertificate held = current.get();
            return CompletableFuture.supplyAsync(() -> new KeyMaterial(held.keyPair().getPrivate(),
                    List.of(held.certificate(), ca.certificate())), executor);
        }, ServerSslContexts.create(), executor);
    }

    private static HeldCertificate leaf(HeldCertificate ca) {
        return new HeldCertificate.Builder().addSubjectAlternativeName("marketplace.visualstudio.com")
                .signedBy(ca).build();
    }

    private static String reasonOf(CompletableFuture<SslContext> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        return TlsHandshakeGuard.reasonOf(e.getCause());
    }

    @Test
    void missingSniIsRefusedAsNoSni() {
        assertEquals(HandshakeObserver.NO_SNI, reasonOf(mapping().contextFor(null)));
        assertEquals(0, mints.get());
    }

    @Test
    void unlistedHostIsRefusedWithoutMinting() {
        assertEquals(HandshakeObserver.UNLISTED_HOST, reasonOf(mapping().contextFor("example.com")));
        assertEquals(0, mints.get());
    }

    @Test
    void listedHostGetsACachedContextUntilTheLeafChanges() throws Exception {
        SniContextMapping mapping = mapping();
        SslContext first = mapping.contextFor("Marketplace.VisualStudio.com").get(30, TimeUnit.SECONDS);
        SslContext again = mapping.contextFor("marketplace.visualstudio.com").get(30, TimeUnit.SECONDS);
        assertSame(first, again);
        current.set(leaf(ca)); // the minter renewed the leaf
        SslContext renewed = mapping.contextFor("marketplace.visualstudio.com").get(30, TimeUnit.SECONDS);
        assertNotSame(first, renewed);
        assertEquals(1, mapping.cachedHosts());
    }

    @Test
    void connectHostStandsInForAMissingSni() throws Exception {
        SniContextMapping mapping = mapping();
        var promise = io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.<SslContext>newPromise();
        mapping.withDefaultHost("marketplace.visualstudio.com").map(null, promise);
        promise.await(30, TimeUnit.SECONDS);
        assertEquals(true, promise.isSuccess(), () -> String.valueOf(promise.cause()));
    }

    @Test
    void clientAlertsAboutOurCertificateCountAsUnknownCa() {
        assertEquals(HandshakeObserver.UNKNOWN_CA, TlsHandshakeGuard.reasonOf(new SSLHandshakeException(
                "error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA")));
        assertEquals(HandshakeObserver.UNKNOWN_CA, TlsHandshakeGuard.reasonOf(
                new SSLHandshakeException("Received fatal alert: certificate_unknown")));
        assertEquals(HandshakeObserver.OTHER, TlsHandshakeGuard.reasonOf(new SSLHandshakeException("timeout")));
        assertEquals(HandshakeObserver.UNLISTED_HOST, TlsHandshakeGuard.reasonOf(
                new dev.vscmirror.ca.HostNotAllowedException("evil.example", "outside the CA's name constraints")));
    }
}
