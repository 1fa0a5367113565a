package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.config.MirrorConfig.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled mirror on loopback against a fake HTTPS upstream: record through the TLS listener and through
 * CONNECT, replay after the upstream is switched off, exact-hit details, limits and refusals (issues 3 and 4).
 */
class MirrorServerIT {
    private static final String MARKET = "marketplace.visualstudio.com";
    private static final String CDN = "pub.gallerycdn.vsassets.io";
    private static final String VSIX_PATH = "/extensions/pub/ext/1.0.0/1700000000000/Microsoft.VisualStudio.Services.VSIXPackage";
    private static final String QUERY_PATH = "/_apis/public/gallery/extensionquery";
    private static final String QUERY = "{\"filters\":[{\"criteria\":[{\"filterType\":7,\"value\":\"pub.ext\"}],"
            + "\"pageNumber\":1,\"pageSize\":1,\"sortBy\":0,\"sortOrder\":0}],\"assetTypes\":[],\"flags\":950}";
    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path dir;
    FakeUpstream upstream;
    MirrorFixture mirror;
    byte[] vsix;

    @BeforeEach
    void setUp() throws Exception {
        vsix = new byte[300_000];
        new Random(42).nextBytes(vsix);
        upstream = new FakeUpstream(dir);
        upstream.answer("GET " + VSIX_PATH, FakeUpstream.ok(vsix, "Content-Type", "application/vsix",
                "ETag", "\"vsix-1\"", "Last-Modified", "Wed, 21 Oct 2026 07:28:00 GMT"));
        upstream.answer("POST " + QUERY_PATH, FakeUpstream.ok(
                "{\"results\":[{\"extensions\":[],\"resultMetadata\":[]}]}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json; charset=utf-8"));
        mirror = new MirrorFixture(dir.resolve("data"), upstream, Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (mirror != null) {
            mirror.close();
        }
        upstream.close();
    }

    private static byte[] get(OkHttpClient client, String url) throws Exception {
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, r.code(), () -> "GET " + url);
            return r.body().bytes();
        }
    }

    private static String post(OkHttpClient client, String url, String json) throws Exception {
        try (Response r = client.newCall(new Request.Builder().url(url).post(RequestBody.create(json, JSON))
                .build()).execute()) {
            assertEquals(200, r.code(), () -> "POST " + url);
            return r.body().string();
        }
    }

    @Test
    void recordsThroughTlsAndReplaysIdenticalBytesWithUpstreamOff() throws Exception {
        OkHttpClient client = mirror.direct();
        byte[] recorded = get(client, mirror.url(CDN, VSIX_PATH));
        String answer = post(client, mirror.url(MARKET, QUERY_PATH), QUERY);
        assertArrayEquals(vsix, recorded);

        upstream.relay.switchOff();
        mirror.server.mode().set(Mode.REPLAY);
        assertArrayEquals(vsix, get(client, mirror.url(CDN, VSIX_PATH)));
        assertEquals(answer, post(client, mirror.url(MARKET, QUERY_PATH), QUERY));
        assertEquals(0, upstream.relay.connections(), "replay opened an upstream connection");
    }

    @Test
    void recordsThroughConnectAndReplaysTheSameBytes() throws Exception {
        OkHttpClient proxied = mirror.viaProxy();
        assertArrayEquals(vsix, get(proxied, "https://" + CDN + VSIX_PATH));
        upstream.relay.switchOff();
        mirror.server.mode().set(Mode.REPLAY);
        assertArrayEquals(vsix, get(proxied, "https://" + CDN + VSIX_PATH));
        assertArrayEquals(vsix, get(mirror.direct(), mirror.url(CDN, VSIX_PATH)));
        assertEquals(0, upstream.relay.connections());
    }

    @Test
    void replayServesRangesHeadAndNotModified() throws Exception {
        OkHttpClient client = mirror.direct();
        get(client, mirror.url(CDN, VSIX_PATH));
        upstream.relay.switchOff();
        mirror.server.mode().set(Mode.REPLAY);
        String url = mirror.url(CDN, VSIX_PATH);
        try (Response r = client.newCall(new Request.Builder().url(url).header("Range", "bytes=100-199").build())
                .execute()) {
            assertEquals(206, r.code());
            assertEquals("bytes 100-199/" + vsix.length, r.header("Content-Range"));
            assertArrayEquals(java.util.Arrays.copyOfRange(vsix, 100, 200), r.body().bytes());
        }
        try (Response r = client.newCall(new Request.Builder().url(url).header("Range", "bytes=999999-").build())
                .execute()) {
            assertEquals(416, r.code());
        }
        try (Response r = client.newCall(new Request.Builder().url(url).head().build()).execute()) {
            assertEquals(200, r.code());
            assertEquals(String.valueOf(vsix.length), r.header("Content-Length"));
        }
        try (Response r = client.newCall(new Request.Builder().url(url).header("If-None-Match", "\"vsix-1\"")
                .build()).execute()) {
            assertEquals(304, r.code());
        }
        assertEquals(0, upstream.relay.connections());
    }

    @Test
    void modeFlipThroughTheAdminApiAppliesToTheNextRequestOnALiveConnection() throws Exception {
        try (SSLSocket socket = mirror.rawTls(CDN)) {
            String first = MirrorFixture.exchange(socket, "GET " + VSIX_PATH + " HTTP/1.1\r\nHost: " + CDN + "\r\n\r\n");
            assertTrue(first.startsWith("HTTP/1.1 200 "), first.substring(0, 40));
            upstream.relay.switchOff();
            try (Response r = new OkHttpClient().newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + mirror.server.adminAddress().getPort() + "/api/mode")
                    .put(RequestBody.create("replay", MediaType.get("text/plain"))).build()).execute()) {
                assertEquals(200, r.code(), r.body().string());
            }
            assertEquals(Mode.REPLAY, mirror.server.mode().get());
            String second = MirrorFixture.exchange(socket, "GET /never-recorded HTTP/1.1\r\nHost: " + CDN + "\r\n\r\n");
            assertTrue(second.startsWith("HTTP/1.1 404 "), second);
        }
        assertEquals(0, upstream.relay.connections(), "the request after the flip went upstream");
    }

    @Test
    void limitsAreAnsweredWithTheRightStatus() throws Exception {
        try (SSLSocket s = mirror.rawTls(MARKET)) {
            String r = MirrorFixture.exchange(s, "GET /x HTTP/1.1\r\nHost: " + MARKET + "\r\nX-Big: "
                    + "a".repeat(20_000) + "\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 431 "), r);
        }
        try (SSLSocket s = mirror.rawTls(MARKET)) {
            String r = MirrorFixture.exchange(s, "POST " + QUERY_PATH + " HTTP/1.1\r\nHost: " + MARKET
                    + "\r\nContent-Length: 5000000\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 413 "), r);
        }
        try (SSLSocket s = mirror.rawTls(MARKET)) {
            String r = MirrorFixture.exchange(s, "GET /" + "p".repeat(10_000) + " HTTP/1.1\r\nHost: " + MARKET
                    + "\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 414 "), r);
        }
        // the mirror stays healthy
        assertArrayEquals(vsix, get(mirror.direct(), mirror.url(CDN, VSIX_PATH)));
    }

    @Test
    void unlistedOrMissingSniIsRefusedAndCounted() throws Exception {
        assertThrows(SSLException.class, () -> mirror.rawTls("example.com").close());
        assertThrows(SSLException.class, () -> mirror.rawTls(null).close());
        String metrics = scrape();
        assertTrue(metrics.contains("reason=\"unlisted_host\""), metrics);
        assertTrue(metrics.contains("reason=\"no_sni\""), metrics);
    }

    @Test
    void aClientThatDoesNotTrustTheMirrorsCaIsCountedAsUnknownCa() throws Exception {
        OkHttpClient untrusting = new OkHttpClient.Builder()
                .dns(host -> java.util.List.of(java.net.InetAddress.getLoopbackAddress())).build();
        assertThrows(SSLException.class, () -> untrusting.newCall(new Request.Builder()
                .url(mirror.url(MARKET, "/")).build()).execute().close());
        String metrics = "";
        for (int i = 0; i < 50 && !metrics.contains("reason=\"unknown_ca\""); i++) {
            Thread.sleep(100); // the alert reaches the server after the client gave up
            metrics = scrape();
        }
        assertTrue(metrics.contains("reason=\"unknown_ca\""), metrics);
    }

    private String scrape() throws Exception {
        return new String(get(new OkHttpClient(), "http://127.0.0.1:" + mirror.server.adminAddress().getPort()
                + "/metrics"), StandardCharsets.UTF_8);
    }

    @Test
    void statisticsPostIsAnsweredLocallyAndNotForwarded() throws Exception {
        int before = upstream.requestCount();
        String body = post(mirror.direct(), mirror.url(MARKET,
                "/_apis/public/gallery/publishers/pub/extensions/ext/1.0.0/stats?statType=install"), "");
        assertEquals("", body);
        assertEquals(before, upstream.requestCount());
    }
}
