package dev.vscmirror.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Owns every meter of the mirror (issue 6): one place that knows the names, units and label sets. Every label value
 * is bounded: hosts become {@link HostGroups host groups}, paths become {@link RouteNames routes}, and free-form
 * values outside the documented sets become {@code other}. Thread-safe; recording methods are cheap (a map lookup
 * and an add) and may be called from event-loop threads.
 */
public final class MirrorMetrics implements AutoCloseable {
    /** Request outcomes (label {@code outcome}); anything else is recorded as {@code other}. */
    public static final List<String> OUTCOMES = List.of("recorded", "passed", "hit", "alias", "synthesized", "miss",
            "upstream_error", "rejected", "stats", "preflight", "tunnel", "refused", "over_limit", "busy",
            "unavailable", "client_gone", "error", "other");
    /** Modes (label {@code mode}), lower case. */
    public static final List<String> MODES = List.of("record", "replay", "fallback");
    /** Listener names (label {@code listener}). */
    public static final List<String> LISTENERS = List.of("tls", "proxy", "admin");

    private static final Duration[] REQUEST_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30, 60, 300);
    private static final Duration[] SHORT_BUCKETS = seconds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30);

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> byteCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> missCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> handshakeCounters = new ConcurrentHashMap<>();
    private final Counter upstreamRetries;
    private final Counter certificatesMinted;
    private final Timer certificateMint;

    /** Meters on {@code registry}, plus JVM and process metrics. */
    public MirrorMetrics(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        upstreamRetries = Counter.builder("vscmirror.upstream.retries")
                .description("Upstream requests retried after a connection failure, 429 or 5xx").register(registry);
        certificatesMinted = Counter.builder("vscmirror.certificates.minted")
                .description("Leaf certificates minted for SNI names").register(registry);
        certificateMint = Timer.builder("vscmirror.certificate.mint")
                .description("Time to mint one leaf certificate").serviceLevelObjectives(SHORT_BUCKETS)
                .register(registry);
    }

    /** A fresh registry with the default Prometheus configuration. */
    public static MirrorMetrics create() {
        return new MirrorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** The registry (for binding further meters in tests); prefer the methods of this class. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The {@code Content-Type} of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /**
     * One request answered to a client.
     *
     * @param listener {@code tls}, {@code proxy} or {@code admin} (else {@code other})
     * @param host     the requested host name (mapped to its host group; may be null)
     * @param route    a {@link RouteNames route name} (else {@code other}); see {@link RouteNames#of(String)}
     * @param mode     the mode that served it: record, replay, fallback (case-insensitive; else {@code other})
     * @param outcome  one of {@link #OUTCOMES}
     * @param nanos    time from the request's first byte to the response's last byte, in nanoseconds
     * @param bytes    response body bytes written to the client
     */
    public void request(String listener, String host, String route, String mode, String outcome, long nanos,
                        long bytes) {
        String l = oneOf(listener, LISTENERS);
        String g = HostGroups.of(host);
        String r = RouteNames.bounded(route);
        String m = oneOf(mode, MODES);
        String o = oneOf(outcome, OUTCOMES);
        requestCounters.computeIfAbsent(l + '|' + g + '|' + r + '|' + m + '|' + o, k -> Counter
                .builder("vscmirror.requests").description("Requests answered, by listener, host group, route, mode "
                        + "and outcome")
                .tags("listener", l, "host_group", g, "route", r, "mode", m, "outcome", o).register(registry))
                .increment();
        requestTimers.computeIfAbsent(r + '|' + o, k -> Timer.builder("vscmirror.request")
                .description("Request duration, first request byte to last response byte")
                .tags("route", r, "outcome", o).serviceLevelObjectives(REQUEST_BUCKETS).register(registry))
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        if (bytes > 0) {
            byteCounters.computeIfAbsent(o, k -> Counter.builder("vscmirror.response.bytes")
                    .description("Response body bytes written to clients").tags("outcome", o).register(registry))
                    .increment(bytes);
        }
    }

    /**
     * One upstream exchange while recording or in fallback.
     *
     * @param host   the upstream host name (mapped to its host group)
     * @param status the HTTP status, or 0 (or any value outside 100-599) when no response came: label {@code none}
     * @param nanos  time from sending the request to the response's last byte (or the failure), in nanoseconds
     */
    public void upstream(String host, int status, long nanos) {
        String g = HostGroups.of(host);
        String s = status >= 100 && status <= 599 ? Integer.toString(status) : "none";
        upstreamTimers.computeIfAbsent(g + '|' + s, k -> Timer.builder("vscmirror.upstream")
                .description("Upstream exchange duration by host group and status (none: no response)")
                .tags("host_group", g, "status", s).serviceLevelObjectives(REQUEST_BUCKETS).register(registry))
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** One upstream retry. */
    public void upstreamRetry() {
        upstreamRetries.increment();
    }

    /**
     * A replay miss (the mirror answered 404 because nothing was recorded).
     *
     * @param kind a short name of what was missing, e.g. {@code extension}, {@code asset}, {@code update},
     *             {@code exchange}; normalised to lower-case {@code [a-z0-9_]}, at most 32 characters
     */
    public void replayMiss(String kind) {
        String k = token(kind);
        missCounters.computeIfAbsent(k, x -> Counter.builder("vscmirror.replay.misses")
                .description("Requests that replay could not answer, by kind").tags("kind", k).register(registry))
                .increment();
    }

    /** One leaf certificate minted, which took {@code nanos} nanoseconds. */
    public void certificateMinted(long nanos) {
        certificatesMinted.increment();
        certificateMint.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /**
     * A failed client TLS handshake.
     *
     * @param reason a short reason such as {@code unknown_ca} (the client does not trust the mirror's CA),
     *               {@code no_sni}, {@code host_not_allowed}, {@code protocol}, {@code timeout}; normalised like
     *               {@link #replayMiss(String)}
     */
    public void handshakeFailure(String reason) {
        String r = token(reason);
        handshakeCounters.computeIfAbsent(r, x -> Counter.builder("vscmirror.tls.handshake.failures")
                .description("Client TLS handshakes that failed, by reason (unknown_ca: client does not trust the CA)")
                .tags("reason", r).register(registry)).increment();
    }

    /**
     * The store's size gauges, read at scrape time.
     *
     * @param exchanges number of recorded exchanges
     * @param blobBytes total size of the blob files, in bytes
     */
    public void bindStore(ToDoubleSupplier exchanges, ToDoubleSupplier blobBytes) {
        gauge("vscmirror.store.exchanges", "Recorded exchanges in the store", exchanges);
        gauge("vscmirror.store.blob.bytes", "Total size of the stored bodies in bytes", blobBytes);
    }

    /**
     * The catalog's size gauges, read at scrape time.
     *
     * @param extensions number of distinct extensions ({@code publisher.name})
     * @param versions   number of extension versions (each version/target platform pair counts once)
     */
    public void bindCatalog(ToDoubleSupplier extensions, ToDoubleSupplier versions) {
        gauge("vscmirror.catalog.extensions", "Extensions in the catalog", extensions);
        gauge("vscmirror.catalog.versions", "Extension versions in the catalog", versions);
    }

    /** The CA certificate's notAfter, as {@code vscmirror_ca_expiry_timestamp_seconds} (Unix seconds). */
    public void bindCaExpiry(Instant notAfter) {
        double seconds = notAfter.getEpochSecond();
        gauge("vscmirror.ca.expiry.timestamp.seconds", "CA certificate notAfter as Unix time", () -> seconds);
    }

    /**
     * The current mode as {@code vscmirror_mode{mode="..."}}: 1 for the current mode, 0 for the others.
     *
     * @param mode supplies record, replay or fallback (case-insensitive), read at scrape time
     */
    public void bindMode(Supplier<String> mode) {
        for (String m : MODES) {
            Gauge.builder("vscmirror.mode", mode, s -> m.equalsIgnoreCase(String.valueOf(s.get())) ? 1 : 0)
                    .description("1 for the mode the mirror is in").tag("mode", m).strongReference(true)
                    .register(registry);
        }
    }

    /** The journal sequence of the last export (0 before the first), as {@code vscmirror_export_last_sequence}. */
    public void bindExportLastSequence(ToDoubleSupplier sequence) {
        gauge("vscmirror.export.last.sequence", "Journal sequence of the last export", sequence);
    }

    /** {@code disk_free_bytes} and {@code disk_total_bytes} of the file system holding {@code dataDir}. */
    public void bindDiskSpace(Path dataDir) {
        new DiskSpaceMetrics(dataDir.toFile()).bindTo(registry);
    }

    /** Stops the GC listener and closes the registry. */
    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }

    private void gauge(String name, String description, ToDoubleSupplier supplier) {
        Objects.requireNonNull(supplier, name);
        // Strong reference: Micrometer holds gauge objects weakly, and a lambda has no other owner.
        Gauge.builder(name, supplier, ToDoubleSupplier::getAsDouble).description(description).strongReference(true)
                .register(registry);
    }

    private static String oneOf(String value, List<String> allowed) {
        if (value == null) {
            return "other";
        }
        String v = value.toLowerCase(Locale.ROOT);
        return allowed.contains(v) ? v : "other";
    }

    static String token(String value) {
        if (value == null || value.isBlank()) {
            return "other";
        }
        StringBuilder b = new StringBuilder(Math.min(32, value.length()));
        for (int i = 0; i < value.length() && b.length() < 32; i++) {
            char c = Character.toLowerCase(value.charAt(i));
            b.append(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ? c : '_');
        }
        return b.toString();
    }

    private static Duration[] seconds(double... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return d;
    }
}
