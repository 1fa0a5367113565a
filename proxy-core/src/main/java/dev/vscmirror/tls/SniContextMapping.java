package dev.vscmirror.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The asynchronous SNI name → {@link SslContext} mapping behind Netty's {@code SniHandler}. Certificates come from
 * the CA's minter (which never mints on the caller's thread); the context for a host is built on
 * {@code buildExecutor}, never on the event loop, and cached until the minter hands out a different leaf (renewal).
 *
 * <p>A missing SNI name or a name outside the host list fails the lookup with a {@link SniRejectedException}
 * naming the reason, so the handshake fails cleanly and is counted.
 */
public final class SniContextMapping implements AsyncMapping<String, SslContext> {
    private final Predicate<String> listed;
    private final Function<String, CompletableFuture<KeyMaterial>> certificates;
    private final ServerSslContexts contexts;
    private final Executor buildExecutor;
    private final Map<String, Built> cache = new ConcurrentHashMap<>();

    private record Built(X509Certificate leaf, SslContext context) {}

    /**
     * @param listed        true for the host names the mirror intercepts
     * @param certificates  host → key and chain (the CA minter; completes off the caller's thread)
     * @param contexts      builds a context from key material
     * @param buildExecutor where contexts are built (a bounded, blocking-friendly executor)
     */
    public SniContextMapping(Predicate<String> listed, Function<String, CompletableFuture<KeyMaterial>> certificates,
                             ServerSslContexts contexts, Executor buildExecutor) {
        this.listed = Objects.requireNonNull(listed, "listed");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.buildExecutor = Objects.requireNonNull(buildExecutor, "buildExecutor");
    }

    @Override
    public Future<SslContext> map(String hostname, Promise<SslContext> promise) {
        contextFor(hostname).whenComplete((context, error) -> {
            if (error == null) {
                promise.trySuccess(context);
            } else {
                promise.tryFailure(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        return promise;
    }

    /**
     * The mapping for a connection that arrived through {@code CONNECT host}: a client that sends no SNI gets the
     * certificate of the CONNECT host.
     */
    public AsyncMapping<String, SslContext> withDefaultHost(String connectHost) {
        return (hostname, promise) -> map(hostname == null ? connectHost : hostname, promise);
    }

    /** The context for {@code hostname}; fails with {@link SniRejectedException} for no or unlisted names. */
    public CompletableFuture<SslContext> contextFor(String hostname) {
        if (hostname == null || hostname.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new SniRejectedException(HandshakeObserver.NO_SNI, "TLS client sent no SNI server name"));
        }
        String host = hostname.toLowerCase(Locale.ROOT);
        if (!listed.test(host)) {
            return CompletableFuture.failedFuture(new SniRejectedException(HandshakeObserver.UNLISTED_HOST,
                    "TLS client asked for " + host + ", which is not on the mirror's host list"));
        }
        CompletableFuture<KeyMaterial> material;
        try {
            material = certificates.apply(host);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return material.thenApplyAsync(m -> cachedOrBuilt(host, m), buildExecutor);
    }

    private SslContext cachedOrBuilt(String host, KeyMaterial material) {
        Built built = cache.get(host);
        if (built != null && built.leaf().equals(material.leaf())) {
            return built.context();
        }
        Built fresh = new Built(material.leaf(), contexts.build(material));
        cache.put(host, fresh);
        return fresh.context();
    }

    /** Number of hosts with a cached context. */
    public int cachedHosts() {
        return cache.size();
    }
}
