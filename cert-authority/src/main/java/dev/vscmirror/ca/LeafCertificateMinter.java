package dev.vscmirror.ca;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mints TLS server certificates on demand, per host name, signed by the mirror's CA.
 * <ul>
 *   <li>Only hosts on the configured list and inside the CA's name constraints; others fail with
 *       {@link HostNotAllowedException}.</li>
 *   <li>Minting runs on the given executor, never on the caller's (I/O) thread.</li>
 *   <li>One cached leaf per host; concurrent callers for one host share one minting; a leaf is re-minted once
 *       less than a third of its validity is left; a failed minting is retried on the next call.</li>
 *   <li>One EC P-256 key pair serves every leaf (generating a key per leaf would cost more than signing).</li>
 * </ul>
 * Leaves are kept in memory only; a new process (or a new CA) mints new ones.
 */
public final class LeafCertificateMinter {
    /** Bounds memory when clients send many distinct names under a {@code *.domain} pattern. */
    static final int MAX_CACHED = 4096;

    private final CertificateAuthority ca;
    private final HostPatterns allowed;
    private final Duration validity;
    private final Executor executor;
    private final Clock clock;
    private final KeyPair leafKey;
    private final List<X509Certificate> issuingChain;
    private final Map<String, CompletableFuture<LeafCertificate>> cache = new ConcurrentHashMap<>();
    private final AtomicLong minted = new AtomicLong();
    private final AtomicLong lastMintNanos = new AtomicLong();

    /**
     * @param validity leaf validity, from 1 hour to 397 days
     * @param executor where minting runs (a bounded, named pool; not an event loop)
     */
    public LeafCertificateMinter(CertificateAuthority ca, HostPatterns allowed, Duration validity, Executor executor) {
        this(ca, allowed, validity, executor, Clock.systemUTC());
    }

    LeafCertificateMinter(CertificateAuthority ca, HostPatterns allowed, Duration validity, Executor executor, Clock clock) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = clock;
        if (validity.compareTo(Duration.ofHours(1)) < 0 || validity.compareTo(LeafCertificateFactory.MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity: " + validity + " (expected: 1 hour to 397 days)");
        }
        this.validity = validity;
        this.leafKey = Certificates.newKeyPair();
        this.issuingChain = ca.issuingChain();
    }

    /**
     * The leaf for {@code host} (any case, IDNA Unicode or ASCII form): cached, or minted on the executor.
     * Fails with {@link HostNotAllowedException} naming the host when it may not be minted.
     */
    public CompletableFuture<LeafCertificate> leafFor(String host) {
        String name = HostPatterns.normalize(host).orElse(null);
        if (name == null || !allowed.matches(name)) {
            return CompletableFuture.failedFuture(HostNotAllowedException.notListed(host, allowed.patterns()));
        }
        if (!ca.permits(name)) {
            return CompletableFuture.failedFuture(new HostNotAllowedException(host, "the CA's name constraints "
                    + ca.permittedDomains() + " do not permit it; run 'vscmirror ca init --force' to create a CA "
                    + "for the configured domains"));
        }
        CompletableFuture<LeafCertificate> cached = cache.get(name);
        if (cached != null && !stale(cached)) {
            return cached;
        }
        if (cache.size() >= MAX_CACHED) {
            evictSome();
        }
        // compute() is atomic per key: concurrent callers for one host get the same future
        return cache.compute(name, (h, current) -> current != null && !stale(current) ? current
                : CompletableFuture.supplyAsync(() -> mint(h), executor));
    }

    /** How many leaves this minter has signed. */
    public long mintedCount() {
        return minted.get();
    }

    /** How long the last signing took, in nanoseconds (0 before the first). */
    public long lastMintNanos() {
        return lastMintNanos.get();
    }

    private LeafCertificate mint(String host) {
        long start = System.nanoTime();
        X509Certificate leaf = LeafCertificateFactory.sign(ca, host, leafKey.getPublic(), validity, clock.instant());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(issuingChain);
        lastMintNanos.set(System.nanoTime() - start);
        minted.incrementAndGet();
        return new LeafCertificate(leafKey.getPrivate(), chain, leaf.getNotAfter().toInstant());
    }

    private boolean stale(CompletableFuture<LeafCertificate> f) {
        if (!f.isDone()) {
            return false; // being minted: share it
        }
        if (f.isCompletedExceptionally()) {
            return true;
        }
        LeafCertificate leaf = f.join();
        Instant notBefore = leaf.leaf().getNotBefore().toInstant();
        Duration span = Duration.between(notBefore, leaf.notAfter());
        return clock.instant().isAfter(leaf.notAfter().minus(span.dividedBy(3)));
    }

    private void evictSome() {
        // Drop finished entries until a quarter of the room is free; in-flight mintings stay shared.
        int target = MAX_CACHED * 3 / 4;
        for (Map.Entry<String, CompletableFuture<LeafCertificate>> e : cache.entrySet()) {
            if (cache.size() <= target) {
                return;
            }
            if (e.getValue().isDone()) {
                cache.remove(e.getKey(), e.getValue());
            }
        }
    }
}
