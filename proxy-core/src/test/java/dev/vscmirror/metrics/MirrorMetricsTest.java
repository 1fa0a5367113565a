package dev.vscmirror.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.metrics.PrometheusTextParser.Sample;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorMetricsTest {
    private static final long MS = 1_000_000L;
    private final MirrorMetrics metrics = MirrorMetrics.create();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void scriptedScenarioMovesTheCountersAndTheScrapeIsValidExposition(@TempDir Path dataDir) {
        AtomicReference<String> mode = new AtomicReference<>("record");
        metrics.bindMode(mode::get);
        metrics.bindStore(() -> 42, () -> 123_456);
        metrics.bindCatalog(() -> 3, () -> 7);
        metrics.bindCaExpiry(Instant.ofEpochSecond(2_000_000_000L));
        metrics.bindExportLastSequence(() -> 17);
        metrics.bindDiskSpace(dataDir);

        // Recording: two extension queries and one VSIX download from a publisher sub-domain.
        metrics.request("tls", "marketplace.visualstudio.com", "extensionquery", "record", "recorded", 30 * MS, 1000);
        metrics.request("tls", "MARKETPLACE.visualstudio.com:443", "extensionquery", "RECORD", "recorded", 70 * MS,
                500);
        metrics.request("proxy", "somepub.gallery.vsassets.io", "asset", "record", "recorded", 2000 * MS, 4096);
        metrics.upstream("marketplace.visualstudio.com", 200, 25 * MS);
        metrics.upstream("somepub.gallery.vsassets.io", 0, 10 * MS);
        metrics.upstreamRetry();
        metrics.upstreamRetry();
        metrics.certificateMinted(5 * MS);
        metrics.handshakeFailure("unknown_ca");
        // Replay: a hit and a miss.
        mode.set("replay");
        metrics.request("tls", "update.code.visualstudio.com", "update", "replay", "hit", 3 * MS, 800);
        metrics.request("tls", "marketplace.visualstudio.com", "latest", "replay", "miss", 1 * MS, 60);
        metrics.replayMiss("extension");

        List<Sample> samples = PrometheusTextParser.parse(metrics.scrape());

        assertEquals(2, value(samples, "vscmirror_requests_total", Map.of("listener", "tls", "host_group",
                "marketplace", "route", "extensionquery", "mode", "record", "outcome", "recorded")));
        assertEquals(1, value(samples, "vscmirror_requests_total", Map.of("listener", "proxy", "host_group",
                "gallery", "route", "asset", "mode", "record", "outcome", "recorded")));
        assertEquals(1, value(samples, "vscmirror_requests_total", Map.of("host_group", "update", "outcome", "hit")));
        assertEquals(5596, value(samples, "vscmirror_response_bytes_total", Map.of("outcome", "recorded")));
        assertEquals(60, value(samples, "vscmirror_response_bytes_total", Map.of("outcome", "miss")));
        assertEquals(2, value(samples, "vscmirror_request_seconds_count",
                Map.of("route", "extensionquery", "outcome", "recorded")));
        assertEquals(0.1, value(samples, "vscmirror_request_seconds_sum",
                Map.of("route", "extensionquery", "outcome", "recorded")), 1e-9);
        assertEquals(1, value(samples, "vscmirror_request_seconds_bucket",
                Map.of("route", "extensionquery", "outcome", "recorded", "le", "0.05")));
        assertEquals(2, value(samples, "vscmirror_request_seconds_bucket",
                Map.of("route", "extensionquery", "outcome", "recorded", "le", "0.1")));
        assertEquals(1, value(samples, "vscmirror_upstream_seconds_count",
                Map.of("host_group", "marketplace", "status", "200")));
        assertEquals(1, value(samples, "vscmirror_upstream_seconds_count",
                Map.of("host_group", "gallery", "status", "none")));
        assertEquals(2, value(samples, "vscmirror_upstream_retries_total", Map.of()));
        assertEquals(1, value(samples, "vscmirror_certificates_minted_total", Map.of()));
        assertEquals(1, value(samples, "vscmirror_certificate_mint_seconds_count", Map.of()));
        assertEquals(1, value(samples, "vscmirror_tls_handshake_failures_total", Map.of("reason", "unknown_ca")));
        assertEquals(1, value(samples, "vscmirror_replay_misses_total", Map.of("kind", "extension")));
        assertEquals(42, value(samples, "vscmirror_store_exchanges", Map.of()));
        assertEquals(123_456, value(samples, "vscmirror_store_blob_bytes", Map.of()));
        assertEquals(3, value(samples, "vscmirror_catalog_extensions", Map.of()));
        assertEquals(7, value(samples, "vscmirror_catalog_versions", Map.of()));
        assertEquals(2_000_000_000L, value(samples, "vscmirror_ca_expiry_timestamp_seconds", Map.of()));
        assertEquals(17, value(samples, "vscmirror_export_last_sequence", Map.of()));
        assertEquals(1, value(samples, "vscmirror_mode", Map.of("mode", "replay")));
        assertEquals(0, value(samples, "vscmirror_mode", Map.of("mode", "record")));
        assertTrue(value(samples, "disk_total_bytes", Map.of()) > 0);
        // JVM and process binders
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("jvm_memory_used_bytes")
                && "heap".equals(s.labels().get("area")) && s.value() > 0), "no heap usage series");
        assertTrue(value(samples, "process_uptime_seconds", Map.of()) >= 0);
        assertTrue(value(samples, "jvm_threads_live_threads", Map.of()) > 0);
    }

    @Test
    void labelValuesStayBoundedWhatEverCallersPass() {
        metrics.request("weird", "evil.example.com", "/some/raw/path?x=1", "Chaos", "surprise", 1, 1);
        metrics.request("tls", "abc.gallerycdn.vsassets.io", "asset", "replay", "alias", 1, 1);
        metrics.replayMiss("Asset \"VSIX\"\n/with/path and a very long tail that goes on and on");
        metrics.handshakeFailure(null);
        metrics.request("proxy", "github.com", "connect", "record", "tunnel", 1, 0);
        String scrape = metrics.scrape();
        List<Sample> samples = PrometheusTextParser.parse(scrape);

        assertEquals(1, value(samples, "vscmirror_requests_total", Map.of("listener", "other", "host_group", "other",
                "route", "other", "mode", "other", "outcome", "other")));
        assertEquals(1, value(samples, "vscmirror_requests_total", Map.of("host_group", "gallerycdn")));
        assertEquals(1, value(samples, "vscmirror_requests_total", Map.of("listener", "proxy", "route", "connect",
                "outcome", "tunnel")));
        assertEquals(1, value(samples, "vscmirror_replay_misses_total",
                Map.of("kind", "asset__vsix___with_path_and_a_ve")));
        assertEquals(1, value(samples, "vscmirror_tls_handshake_failures_total", Map.of("reason", "other")));
        assertFalse(scrape.contains("evil.example.com"), "a raw host name leaked into a label");
        assertFalse(scrape.contains("/some/raw/path"), "a raw path leaked into a label");
    }

    @Test
    void routeAndHostClassifiersCoverTheProtocolPaths() {
        assertEquals("extensionquery", RouteNames.of("/_apis/public/gallery/extensionquery"));
        assertEquals("latest", RouteNames.of("/_apis/public/gallery/vscode/somepub/hello/latest"));
        assertEquals("latest", RouteNames.of("/_gallery/somepub/hello/latest"));
        assertEquals("vspackage", RouteNames.of(
                "/_apis/public/gallery/publishers/somepub/vsextensions/hello/1.0.0/vspackage?targetPlatform=linux-x64"));
        assertEquals("asset", RouteNames.of("/_apis/public/gallery/publisher/somepub/extension/hello/1.0.0/"
                + "assetbyname/Microsoft.VisualStudio.Services.VSIXPackage?redirect=true&install=true"));
        assertEquals("asset", RouteNames.of("/extensions/somepub/hello/1.0.0/123/Microsoft.VisualStudio.Code.Manifest"));
        assertEquals("control", RouteNames.of("/extensions/marketplace.json"));
        assertEquals("update", RouteNames.of("/api/update/linux-x64/stable/abc?bg=false&u=none"));
        assertEquals("update", RouteNames.of("/commit:abc/server-linux-x64/stable"));
        assertEquals("stats", RouteNames.of("/_apis/public/gallery/publishers/p/extensions/n/1.0.0/stats?statType=install"));
        assertEquals("other", RouteNames.of("/favicon.ico"));
        assertEquals("unpkg", HostGroups.of("somepub.vscode-unpkg.net"));
        assertEquals("cdn", HostGroups.of("az764295.vo.msecnd.net."));
        assertEquals("telemetry", HostGroups.of("mobile.events.data.microsoft.com"));
        assertEquals("other", HostGroups.of(null));
    }

    @Test
    void parserRejectsMalformedExposition() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse("x_total 1\n"),
                "sample without TYPE");
        assertThrows(IllegalArgumentException.class,
                () -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=\"b\\q\"} 1\n"), "bad escape");
        assertThrows(IllegalArgumentException.class,
                () -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=\"b} 1\n"), "unterminated label value");
        assertThrows(IllegalArgumentException.class,
                () -> PrometheusTextParser.parse("# TYPE x gauge\nx{1a=\"b\"} 1\n"), "bad label name");
        assertThrows(IllegalArgumentException.class,
                () -> PrometheusTextParser.parse("# TYPE x gauge\nx 1.2.3\n"), "bad value");
        assertThrows(IllegalArgumentException.class,
                () -> PrometheusTextParser.parse("# TYPE x gauge\nx 1\nx 2\n"), "duplicate series");
        assertThrows(IllegalArgumentException.class, () -> PrometheusTextParser.parse(
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"), "not cumulative");
        List<Sample> ok = PrometheusTextParser.parse(
                "# HELP x a \\\\ help\\n line\n# TYPE x gauge\nx{a=\"q\\\"u\\\\o\\nte\",b=\"\"} -Inf 123\n");
        assertEquals("q\"u\\o\nte", ok.get(0).labels().get("a"));
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertEquals(1, matching.size(), () -> "expected one series " + name + labels + ", found " + matching);
        return matching.get(0).value();
    }
}
