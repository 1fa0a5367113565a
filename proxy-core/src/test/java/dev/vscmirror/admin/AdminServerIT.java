package dev.vscmirror.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vscmirror.accesslog.AccessLog;
import dev.vscmirror.config.AdminConfig;
import dev.vscmirror.config.HostPort;
import dev.vscmirror.config.MirrorConfig;
import dev.vscmirror.metrics.MirrorMetrics;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final MirrorMetrics metrics = MirrorMetrics.create();
    private FakeAdminContext context;
    private AdminServer server;
    private String base;

    @BeforeEach
    void start(@TempDir Path dir) {
        context = new FakeAdminContext(dir, Duration.ofDays(3650));
        metrics.bindMode(() -> context.mode().name());
        server = new AdminServer(new HostPort("127.0.0.1", 0), new AdminConfig(null), metrics, context);
        base = "http://127.0.0.1:" + server.start().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void healthAndReadinessNameTheFailingPart() throws Exception {
        assertEquals("ok\n", get("/healthz").body());
        HttpResponse<String> ready = get("/readyz");
        assertEquals(200, ready.statusCode());
        context.readiness = List.of(ReadinessPart.ready("store"), ReadinessPart.notReady("ca", "not loaded"),
                ReadinessPart.ready("listeners"));
        HttpResponse<String> notReady = get("/readyz");
        assertEquals(503, notReady.statusCode());
        assertEquals("not ready: ca (not loaded)\n", notReady.body());
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        metrics.request("tls", "marketplace.visualstudio.com", "extensionquery", "record", "recorded", 1000, 10);
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("vscmirror_requests_total{"), response.body());
        assertTrue(response.body().contains("vscmirror_mode{mode=\"record\"} 1"), "mode gauge");
    }

    @Test
    void modeCanBeReadAndSetWithJsonOrPlainText() throws Exception {
        assertEquals("record", JSON.readTree(get("/api/mode").body()).get("mode").asText());
        HttpResponse<String> json = send("PUT", "/api/mode", "{\"mode\":\"replay\"}", null);
        assertEquals(200, json.statusCode(), json.body());
        assertEquals(MirrorConfig.Mode.REPLAY, context.mode());
        assertEquals("fallback", JSON.readTree(send("PUT", "/api/mode", "fallback\n", null).body())
                .get("mode").asText());
        assertEquals(MirrorConfig.Mode.FALLBACK, context.mode());
        HttpResponse<String> bad = send("PUT", "/api/mode", "sideways", null);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("expected: record, replay or fallback"), bad.body());
        context.refuseModeChange = true;
        HttpResponse<String> refused = send("PUT", "/api/mode", "record", null);
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("while an import runs"));
        assertEquals(MirrorConfig.Mode.FALLBACK, context.mode());
    }

    @Test
    void statusJsonCarriesStoreCatalogCaAndRedactedActivity() throws Exception {
        JsonNode status = JSON.readTree(get("/api/status").body());
        assertEquals("record", status.get("mode").asText());
        assertTrue(status.get("uptimeSeconds").asLong() >= 26 * 3600);
        assertEquals(3_456_789_012L, status.at("/store/blobBytes").asLong());
        assertEquals(4, status.at("/catalog/vscodeBuilds").asLong());
        assertEquals(CaInfo.fingerprintSha256(context.ca), status.at("/ca/fingerprintSha256").asText());
        assertFalse(status.at("/ca/expiringSoon").asBoolean());
        assertEquals("somepub.absent", status.at("/misses/0/what").asText());
        String body = status.toString();
        assertFalse(body.contains("secret-org"), "the u= value must never be shown: " + body);
        assertTrue(body.contains("u=***"));
    }

    @Test
    void catalogSearchAndDetailsOfferPerVersionDownloads() throws Exception {
        JsonNode page = JSON.readTree(get("/api/extensions?q=HELLO&page=1").body());
        assertEquals(1, page.get("total").asLong());
        assertEquals("somepub.hello", page.at("/items/0/id").asText());
        JsonNode details = JSON.readTree(get("/api/extensions/somepub.hello").body());
        assertEquals(3, details.get("versionList").size());
        assertEquals("/download/somepub.hello/1.1.0", details.at("/versionList/0/download").asText());
        assertEquals(2048, details.at("/versionList/0/vsixBytes").asLong());
        assertTrue(details.at("/versionList/2/download").isNull(), "no link for an unrecorded VSIX");
        JsonNode python = JSON.readTree(get("/api/extensions/ms-python.python").body());
        assertEquals("/download/ms-python.python/2026.1.0?targetPlatform=win32-x64",
                python.at("/versionList/1/download").asText());
        assertEquals(404, get("/api/extensions/nobody.nothing").statusCode());
        assertEquals(400, get("/api/extensions/nodot").statusCode());
    }

    @Test
    void downloadStreamsTheRecordedVsix() throws Exception {
        HttpResponse<byte[]> universal = getBytes("/download/somepub.hello/1.1.0");
        assertEquals(200, universal.statusCode());
        assertArrayEquals(Files.readAllBytes(context.vsixFiles.get("somepub.hello/1.1.0/null")), universal.body());
        assertEquals("attachment; filename=\"somepub.hello-1.1.0.vsix\"",
                universal.headers().firstValue("content-disposition").orElse(""));
        HttpResponse<byte[]> platform = getBytes("/download/ms-python.python/2026.1.0?targetPlatform=linux-x64");
        assertEquals(5000, platform.body().length);
        assertEquals(404, getBytes("/download/somepub.hello/9.9.9").statusCode());
        // keep-alive: the connection is reused after a file body
        assertEquals(200, get("/healthz").statusCode());
    }

    @Test
    void caIsServedAsPemAndDerButNeverAKey() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        HttpResponse<byte[]> pem = getBytes("/ca.crt");
        String pemText = new String(pem.body(), StandardCharsets.US_ASCII);
        assertTrue(pemText.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertFalse(pemText.contains("PRIVATE KEY"));
        assertEquals(context.ca, factory.generateCertificate(new ByteArrayInputStream(pem.body())));
        HttpResponse<byte[]> der = getBytes("/ca.cer");
        assertArrayEquals(context.ca.getEncoded(), der.body());
        assertEquals(context.ca, (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.body())));
        assertEquals(404, get("/ca.key").statusCode());
    }

    @Test
    void statusPageIsSelfContained() throws Exception {
        HttpResponse<String> page = get("/status");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("default-src 'self'"));
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page must not load external assets");
        assertEquals(200, get("/status/status.js").statusCode());
        assertEquals(200, get("/status/status.css").statusCode());
        assertEquals(404, get("/status/../../etc/passwd").statusCode());
    }

    @Test
    void unknownRoutesAndMethodsAreRefusedClearly() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("/nope"));
        assertEquals(405, send("POST", "/api/status", "x", null).statusCode());
    }

    @Test
    void aConfiguredTokenGuardsEveryMutatingCall(@TempDir Path dir) throws Exception {
        try (AdminServer guarded = new AdminServer(new HostPort("127.0.0.1", 0), new AdminConfig("s3cret-token"),
                metrics, context)) {
            String guardedBase = "http://127.0.0.1:" + guarded.start().getPort();
            assertEquals(401, send(guardedBase, "PUT", "/api/mode", "replay", null).statusCode());
            assertEquals(401, send(guardedBase, "PUT", "/api/mode", "replay", "Bearer wrong").statusCode());
            assertEquals(401, send(guardedBase, "POST", "/anything", "", "Bearer s3cret-tokenX").statusCode());
            assertEquals(MirrorConfig.Mode.RECORD, context.mode());
            HttpResponse<String> ok = send(guardedBase, "PUT", "/api/mode", "replay", "Bearer s3cret-token");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(MirrorConfig.Mode.REPLAY, context.mode());
            // reads stay open
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(guardedBase + "/api/mode")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void adminRequestsAreAccessLoggedWithoutSecrets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        try (AccessLog log = AccessLog.of(file.toString());
             AdminServer logged = new AdminServer(new HostPort("127.0.0.1", 0), new AdminConfig("s3cret-token"),
                     metrics, context, log)) {
            String root = "http://127.0.0.1:" + logged.start().getPort();
            assertEquals(200, send(root, "PUT", "/api/mode?u=org-id", "replay", "Bearer s3cret-token").statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(root + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("127.0.0.1 - - ["), lines.get(0));
        assertTrue(lines.get(0).contains("\"PUT /api/mode?u=*** HTTP/1.1\" 200 "), lines.get(0));
        assertTrue(lines.get(1).contains("\"GET /healthz HTTP/1.1\" 200 3 "), lines.get(1));
        String all = String.join("\n", lines);
        assertFalse(all.contains("s3cret-token") || all.contains("org-id") || all.contains("Bearer"), all);
    }

    @Test
    void loopbackListenerRefusesForeignHostNamesAgainstDnsRebinding() throws Exception {
        assertTrue(rawStatusLine("evil.example:9090", "PUT /api/mode").startsWith("HTTP/1.1 421 "));
        assertTrue(rawStatusLine("evil.example", "GET /api/status").startsWith("HTTP/1.1 421 "));
        assertEquals(MirrorConfig.Mode.RECORD, context.mode());
        assertTrue(rawStatusLine("localhost:1234", "GET /healthz").startsWith("HTTP/1.1 200 "));
        assertTrue(rawStatusLine("127.0.0.1", "GET /healthz").startsWith("HTTP/1.1 200 "));
        assertTrue(rawStatusLine("[::1]:80", "GET /healthz").startsWith("HTTP/1.1 200 "));
    }

    private String rawStatusLine(String host, String requestLine) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String request = requestLine + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Length: 6\r\nConnection: close\r\n\r\nreplay";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    @Test
    void refusesToListenOffLoopbackWithoutAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdminServer(new HostPort("0.0.0.0", 0), new AdminConfig(null), metrics, context));
        assertTrue(e.getMessage().contains("admin.token"), e.getMessage());
        assertTrue(AdminServer.isLoopback("localhost"));
        assertTrue(AdminServer.isLoopback("::1"));
        assertFalse(AdminServer.isLoopback("0.0.0.0"));
        // with a token it may be constructed (not started here: tests only listen on loopback)
        new AdminServer(new HostPort("0.0.0.0", 0), new AdminConfig("t"), metrics, context).close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws Exception {
        return send(base, method, path, body, authorization);
    }

    private HttpResponse<String> send(String root, String method, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
