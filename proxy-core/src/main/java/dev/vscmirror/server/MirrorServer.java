package dev.vscmirror.server;

import dev.vscmirror.accesslog.AccessLog;
import dev.vscmirror.admin.AdminServer;
import dev.vscmirror.admin.RecentActivity;
import dev.vscmirror.ca.CertificateAuthority;
import dev.vscmirror.ca.HostPatterns;
import dev.vscmirror.ca.LeafCertificateMinter;
import dev.vscmirror.config.MirrorConfig;
import dev.vscmirror.metrics.MirrorMetrics;
import dev.vscmirror.replay.UrlRewriter;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.ExportWatermark;
import dev.vscmirror.tls.KeyMaterial;
import dev.vscmirror.tls.ServerSslContexts;
import dev.vscmirror.tls.SniContextMapping;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running mirror: store, CA, listeners (TLS, forward proxy, admin), record and replay paths, metrics and the
 * access log, assembled from one {@link MirrorConfig}. {@link #close()} shuts down gracefully: stop accepting, let
 * answers in flight finish (up to a grace period), stop the event loops, let pending disk commits finish, close the
 * store last.
 */
public final class MirrorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorServer.class);
    /** How long answers in flight may take to finish at shutdown (systemd and scripts wait 30 s for the whole stop). */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Deque<AutoCloseable> closeOrder = new ArrayDeque<>(); // closed last-in first-out
    private final List<Listener> listeners = new ArrayList<>();
    private final ChannelGroup clients = new DefaultChannelGroup("vscmirror-clients", GlobalEventExecutor.INSTANCE);
    private final Set<InetSocketAddress> ownAddresses = ConcurrentHashMap.newKeySet();
    private final Instant startedAt = Instant.now();
    private ContentStore store;
    private CertificateAuthority ca;
    private ModeSwitch mode;
    private HttpPipeline http;
    private AdminServer admin;
    private volatile Backends backends;
    private boolean closed;

    private MirrorServer() {
    }

    /**
     * Opens the store and the CA (creating it on first use), binds every configured listener and starts accepting.
     *
     * @throws RuntimeException naming what failed (store locked, port in use, ...); everything opened is closed
     */
    public static MirrorServer start(MirrorConfig config) {
        MirrorServer server = new MirrorServer();
        try {
            server.open(config);
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private void open(MirrorConfig config) {
        store = ContentStore.open(config.dataDir());
        closeOrder.push(store);
        ca = CertificateAuthority.loadOrCreate(config.dataDir().resolve("ca"), config.ca().permittedDomains());
        HostPatterns hosts = HostPatterns.of(config.hosts());
        MirrorMetrics metrics = MirrorMetrics.create();
        closeOrder.push(metrics);
        AccessLog accessLog = AccessLog.of(config.log().accessLog());
        closeOrder.push(accessLog);
        RecentActivity recent = new RecentActivity(200);
        MirrorEvents events = new MirrorEvents(metrics, accessLog, recent);
        mode = new ModeSwitch(config.mode());

        Executors executors = new Executors();
        closeOrder.push(executors);
        ServerTransport transport = ServerTransport.detect();
        EventLoopGroup boss = transport.newGroup("vscmirror-accept", 1);
        EventLoopGroup workers = transport.newGroup("vscmirror-io", 0);
        closeOrder.push(() -> shutdownGroups(boss, workers));
        LOG.info("transport: {}", transport.name());

        LeafCertificateMinter minter = new LeafCertificateMinter(ca, hosts, config.ca().leafValidity(), executors.tls);
        SniContextMapping sni = new SniContextMapping(hosts::matches,
                host -> leaf(minter, metrics, host), ServerSslContexts.create(), executors.tls);
        RequestDispatcher dispatcher = new RequestDispatcher(mode,
                (client, request, host, failOver) -> backends.record.forward(client, request, host, failOver),
                (method, host, path, headers, body) -> backends.replay.answer(method, host, path, headers, body),
                executors.replay);
        http = new HttpPipeline(config.limits(), dispatcher, hosts::matches, events,
                new UrlRewriter(config.rewrite()));
        ConnectionLimit limit = new ConnectionLimit(config.limits().maxConnections());
        Duration handshakeTimeout = config.limits().clientReadTimeout();

        if (config.listeners().tls() != null) {
            listeners.add(Listener.bind("tls", config.listeners().tls(), transport, boss, workers,
                    new TlsListenerInitializer(sni, http, limit, clients, events, handshakeTimeout)));
        }
        if (config.listeners().proxy() != null) {
            ProxyConnect connect = new ProxyConnect(http, sni, events, mode, config.upstream().unlistedHosts(),
                    new TunnelDialer(config.upstream(), transport, executors.blocking, ownAddresses),
                    handshakeTimeout);
            listeners.add(Listener.bind("proxy", config.listeners().proxy(), transport, boss, workers,
                    new ProxyListenerInitializer(http, connect, limit, clients)));
        }
        listeners.forEach(l -> ownAddresses.add(l.address()));

        backends = new Backends(config, store, workers, ownAddresses, executors.disk, metrics);
        closeOrder.push(backends);
        bindGauges(metrics, minter, config.dataDir());
        metrics.bindDiskSpace(config.dataDir()); // disk_free_bytes for the VscmirrorDiskNearlyFull alert (ops)

        admin = new AdminServer(config.listeners().admin(), config.admin(), metrics,
                new MirrorAdminContext(this, store, ca, () -> backends.responder, recent), accessLog);
        closeOrder.push(admin);
        InetSocketAddress adminAddress = admin.start();

        listeners.forEach(Listener::startAccepting);
        for (Listener l : listeners) {
            LOG.info("{} listener on {}:{}", l.name(), l.address().getHostString(), l.address().getPort());
        }
        LOG.info("admin listener on {}:{}; mode {}; data in {}", adminAddress.getHostString(), adminAddress.getPort(),
                mode.get().name().toLowerCase(Locale.ROOT), config.dataDir());
        LOG.info("clients must trust the mirror's CA: {}", caCertificatePath());
    }

    private static CompletableFuture<KeyMaterial> leaf(LeafCertificateMinter minter, MirrorMetrics metrics,
                                                       String host) {
        long before = minter.mintedCount();
        return minter.leafFor(host).thenApply(leaf -> {
            if (minter.mintedCount() > before) {
                metrics.certificateMinted(minter.lastMintNanos());
            }
            return new KeyMaterial(leaf.key(), leaf.chain());
        });
    }

    private void bindGauges(MirrorMetrics metrics, LeafCertificateMinter minter, Path dataDir) {
        metrics.bindStore(() -> store.stats().exchanges(), () -> store.stats().blobBytes());
        metrics.bindCaExpiry(ca.certificate().getNotAfter().toInstant());
        metrics.bindMode(() -> mode.get().name().toLowerCase(Locale.ROOT));
        metrics.bindCatalog(() -> backends.responder.catalog().index().size(),
                () -> backends.responder.catalog().index().all().stream().mapToLong(e -> e.versions().size()).sum());
        ExportWatermark watermark = new ExportWatermark(dataDir);
        metrics.bindExportLastSequence(watermark::lastExportedSequence);
    }

    /** The mode switch (the admin API flips it; the next request on every connection sees the new mode). */
    public ModeSwitch mode() {
        return mode;
    }

    /** The bound address of listener {@code tls} or {@code proxy}; null when that listener is off. */
    public InetSocketAddress address(String listener) {
        return listeners.stream().filter(l -> l.name().equals(listener)).map(Listener::address).findFirst()
                .orElse(null);
    }

    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** The PEM file of the CA that clients must trust. */
    public Path caCertificatePath() {
        return ca.caDir().resolve("ca.crt");
    }

    Instant startedAt() {
        return startedAt;
    }

    List<String> boundListeners() {
        return listeners.stream().map(l -> l.name() + " " + l.address()).toList();
    }

    /** Graceful shutdown; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopListeners();
        while (!closeOrder.isEmpty()) {
            AutoCloseable next = closeOrder.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.error("shutdown step {} failed", next, e);
            }
        }
        LOG.info("mirror stopped");
    }

    /** Stops accepting, waits for answers in flight (up to the grace period), then closes every connection. */
    private void stopListeners() {
        listeners.forEach(Listener::close);
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (http != null && http.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (http != null && http.inFlight() > 0) {
            LOG.info("closing {} connections with answers still in flight after {} s", http.inFlight(),
                    GRACE.toSeconds());
        }
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static void shutdownGroups(EventLoopGroup boss, EventLoopGroup workers) {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** The named, bounded executors; closing lets queued disk work (commits) finish. */
    private static final class Executors implements AutoCloseable {
        final ExecutorService tls = BoundedExecutor.create("vscmirror-tls", 2, 1024);
        final ExecutorService disk = BoundedExecutor.create("vscmirror-disk", 2, 4096);
        final ExecutorService replay = BoundedExecutor.create("vscmirror-replay",
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 1024);
        final ExecutorService blocking = BoundedExecutor.create("vscmirror-resolve", 2, 1024);

        @Override
        public void close() throws InterruptedException {
            for (ExecutorService e : List.of(replay, blocking, tls, disk)) {
                e.shutdown();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            for (ExecutorService e : List.of(disk, replay, blocking, tls)) {
                if (!e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.error("an executor did not finish its queued work within 8 s of shutdown; stopping it");
                    e.shutdownNow();
                }
            }
        }
    }
}
