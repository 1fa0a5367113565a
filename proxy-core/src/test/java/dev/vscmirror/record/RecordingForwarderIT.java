package dev.vscmirror.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.config.RecordConfig;
import dev.vscmirror.config.UpstreamConfig;
import dev.vscmirror.config.UpstreamConfig.UpstreamOverride;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.upstream.TestCa;
import dev.vscmirror.upstream.UpstreamClient;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RecordingForwarderIT {
    private static final String MARKETPLACE = "marketplace.visualstudio.com";

    @TempDir
    Path dir;
    private final TestCa ca = TestCa.microsoft();
    private final MockWebServer upstream = new MockWebServer();
    private final List<List<IndexRow>> committed = new CopyOnWriteArrayList<>();
    private EventLoopGroup group;
    private UpstreamClient client;
    private ContentStore store;
    private ExecutorService disk;
    private ForwardingTestServer front;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        upstream.useHttps(ca.serverCertificates().sslSocketFactory());
        upstream.start(InetAddress.getLoopbackAddress(), 0);
        startMirror(false);
    }

    private void startMirror(boolean failOver) throws Exception {
        group = TestCa.eventLoops();
        String at = "=127.0.0.1:" + upstream.getPort();
        client = new UpstreamClient(new UpstreamConfig(List.of(UpstreamOverride.parse(MARKETPLACE + at),
                UpstreamOverride.parse("*.vsassets.io" + at)), ca.writeCaPem(dir), null, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 3, null), group, Set.of());
        store = ContentStore.open(dir.resolve("data"));
        disk = Executors.newFixedThreadPool(2);
        RecordingForwarder forwarder = new RecordingForwarder(client, store,
                new RecordConfig(Set.of(200, 204, 301, 302, 307, 308, 404)),
                ex -> List.of(new IndexRow("aux", ("derived " + ex.requestKey()).getBytes(StandardCharsets.UTF_8),
                        ex.url().getBytes(StandardCharsets.UTF_8))),
                committed::add, disk);
        front = new ForwardingTestServer(group, forwarder, failOver);
    }

    @AfterEach
    void stop() throws Exception {
        front.close();
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        disk.shutdown();
        disk.awaitTermination(10, TimeUnit.SECONDS);
        store.close();
        upstream.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private ForwardResult nextResult() throws InterruptedException {
        ForwardResult r = front.results().poll(60, TimeUnit.SECONDS);
        assertNotNull(r, "forward did not finish");
        return r;
    }

    private RecordedExchange recorded(String method, String path, String body) {
        return store.exchange(RequestKey.of(method, MARKETPLACE, path, null,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)).value()).orElse(null);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void passesTheBodyThroughByteForByteAndRecordsExchangeBlobAndDerivedRows() throws Exception {
        byte[] body = randomBytes(3 * 1024 * 1024 + 17);
        upstream.enqueue(new MockResponse.Builder().body(new Buffer().write(body))
                .setHeader("Content-Type", "application/octet-stream").setHeader("X-Custom", "kept")
                .setHeader("Keep-Alive", "timeout=5").build());
        String path = "/_apis/public/gallery/publisher/ms-python/extension/python/2024.1.0/assetbyname/x";

        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, response.body());
        assertEquals("kept", response.headers().firstValue("X-Custom").orElse(null));
        assertEquals(String.valueOf(body.length), response.headers().firstValue("Content-Length").orElse(null));

        ForwardResult result = nextResult();
        assertEquals(new ForwardResult(200, body.length, ForwardResult.RECORDED, false), result);
        RecordedExchange ex = recorded("GET", path, null);
        assertNotNull(ex);
        assertEquals("https://" + MARKETPLACE + path, ex.url());
        assertEquals(sha256(body), ex.bodySha256());
        assertEquals(body.length, ex.bodySize());
        assertEquals("kept", ex.header("X-Custom"));
        assertNull(ex.header("Keep-Alive"), "hop-by-hop headers are not recorded");
        assertArrayEquals(body, Files.readAllBytes(store.blobPath(ex.bodySha256())));
        assertEquals(1, store.lastSequence());
        assertTrue(store.get("aux", ("derived " + ex.requestKey()).getBytes(StandardCharsets.UTF_8)).isPresent(),
                "derived rows are written with the exchange");
        assertEquals(1, committed.size());
        assertEquals("identity", upstream.takeRequest().getHeaders().get("Accept-Encoding"));
    }

    @Test
    void aChunkedAnswerIsRelayedChunkedAndRecorded() throws Exception {
        byte[] body = randomBytes(200_000);
        upstream.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(body), 7000).build());
        HttpResponse<byte[]> response = get("/chunked");
        assertArrayEquals(body, response.body());
        assertEquals(ForwardResult.RECORDED, nextResult().outcome());
        assertEquals(body.length, recorded("GET", "/chunked", null).bodySize());
    }

    @Test
    void aRedirectIsRelayedAndRecordedNotFollowed() throws Exception {
        String cdn = "https://ms-python.gallerycdn.vsassets.io/extensions/ms-python/python/2024.1.0/1/x.vsix";
        upstream.enqueue(new MockResponse.Builder().code(302).setHeader("Location", cdn).build());
        String path = "/_apis/public/gallery/publisher/ms-python/extension/python/2024.1.0/assetbyname/"
                + "Microsoft.VisualStudio.Services.VSIXPackage?redirect=true&install=true";

        HttpResponse<byte[]> response = get(path);
        assertEquals(302, response.statusCode());
        assertEquals(cdn, response.headers().firstValue("Location").orElse(null));
        assertEquals(ForwardResult.RECORDED, nextResult().outcome());
        RecordedExchange ex = recorded("GET", path, null);
        assertEquals(302, ex.status());
        assertEquals(cdn, ex.header("Location"));
        assertNull(ex.bodySha256());
        assertEquals(1, upstream.getRequestCount(), "the mirror does not follow redirects itself");
    }

    @Test
    void aNotFoundIsRecorded() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"not found\"}").build());
        HttpResponse<byte[]> response = get("/_apis/public/gallery/vscode/nobody/nothing/latest");
        assertEquals(404, response.statusCode());
        assertEquals(ForwardResult.RECORDED, nextResult().outcome());
        assertEquals(404, recorded("GET", "/_apis/public/gallery/vscode/nobody/nothing/latest", null).status());
    }

    @Test
    void aServerErrorIsPassedThroughAndNotRecorded() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(500).body("boom").build());
        HttpResponse<byte[]> response = get("/broken");
        assertEquals(500, response.statusCode());
        assertEquals("boom", new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(new ForwardResult(500, 4, ForwardResult.PASSED, false), nextResult());
        assertNull(recorded("GET", "/broken", null));
        assertEquals(0, store.lastSequence());
    }

    @Test
    void a429WithRetryAfterIsRetriedAndTheAnswerRecorded() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("slow down").build());
        upstream.enqueue(new MockResponse.Builder().body("finally").build());
        long start = System.nanoTime();
        HttpResponse<byte[]> response = get("/busy");
        assertEquals(200, response.statusCode());
        assertEquals("finally", new String(response.body(), StandardCharsets.UTF_8));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(900), "Retry-After: 1 was honoured");
        assertEquals(2, upstream.getRequestCount());
        assertEquals(ForwardResult.RECORDED, nextResult().outcome());
        assertEquals(200, recorded("GET", "/busy", null).status());
    }

    @Test
    void anUpstreamResetMidBodyClosesTheClientAndRecordsNothing() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body(new Buffer().write(randomBytes(2 * 1024 * 1024)))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        assertThrows(IOException.class, () -> get("/reset"));
        ForwardResult result = nextResult();
        assertEquals(ForwardResult.UPSTREAM_ERROR, result.outcome());
        assertTrue(result.bytes() < 2 * 1024 * 1024);
        assertNull(recorded("GET", "/reset", null));
        assertEquals(0, store.lastSequence());
        assertBlobDirHoldsNoFiles();
    }

    @Test
    void narrowsAcceptEncodingToTheKeysEncodingClass() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body("a").build());
        upstream.enqueue(new MockResponse.Builder().body("b").build());
        for (String ae : List.of("br, gzip;q=0.8", "br")) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/enc"))
                    .header("Accept-Encoding", ae).build(), HttpResponse.BodyHandlers.ofByteArray());
            nextResult();
        }
        assertEquals("gzip", upstream.takeRequest().getHeaders().get("Accept-Encoding"));
        assertEquals("identity", upstream.takeRequest().getHeaders().get("Accept-Encoding"));
    }

    @Test
    void recordsExtensionQueryPostsButNotStatisticsPosts() throws Exception {
        String query = "{\"filters\":[{\"criteria\":[{\"filterType\":7,\"value\":\"ms-python.python\"}]}],\"flags\":914}";
        upstream.enqueue(new MockResponse.Builder().body("{\"results\":[]}").build());
        upstream.enqueue(new MockResponse.Builder().code(200).build());
        String queryPath = "/_apis/public/gallery/extensionquery";
        String statsPath = "/_apis/public/gallery/publishers/ms-python/extensions/python/2024.1.0/stats?statType=install";
        for (String[] req : new String[][] {{queryPath, query}, {statsPath, ""}}) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port()
                    + req[0])).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(req[1])).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
        }
        assertEquals(ForwardResult.RECORDED, nextResult().outcome());
        assertEquals(ForwardResult.PASSED, nextResult().outcome());
        assertEquals(query, upstream.takeRequest().getBody().utf8());
        assertNotNull(recorded("POST", queryPath, query));
        assertEquals(1, store.lastSequence());
    }

    @Test
    void aClientAbortStillFinishesTheRecording() throws Exception {
        byte[] body = randomBytes(4 * 1024 * 1024);
        upstream.enqueue(new MockResponse.Builder().body(new Buffer().write(body))
                .throttleBody(256 * 1024, 50, TimeUnit.MILLISECONDS).build());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), front.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /abandoned HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertTrue(in.readNBytes(4096).length > 0);
        }
        ForwardResult result = nextResult();
        assertEquals(new ForwardResult(200, body.length, ForwardResult.RECORDED, false), result);
        assertEquals(sha256(body), recorded("GET", "/abandoned", null).bodySha256());
    }

    @Test
    void withFailOverAnUnreachableUpstreamWritesNothingAndSaysSo() throws Exception {
        stop();
        upstream.close();
        startMirror(true);
        HttpResponse<byte[]> response = get("/gone");
        assertEquals(599, response.statusCode(), "only the caller's own fallback answer reached the client");
        ForwardResult result = nextResult();
        assertTrue(result.failedBeforeResponse());
        assertEquals(ForwardResult.UPSTREAM_ERROR, result.outcome());
    }

    @Test
    void withoutFailOverAnUnreachableUpstreamGetsA502WithAReason() throws Exception {
        upstream.close();
        HttpResponse<byte[]> response = get("/gone");
        assertEquals(502, response.statusCode());
        String reason = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(reason.contains(MARKETPLACE), reason);
        assertEquals(new ForwardResult(502, 0, ForwardResult.UPSTREAM_ERROR, false), nextResult());
    }

    private void assertBlobDirHoldsNoFiles() throws Exception {
        Path blobs = dir.resolve("data/blobs");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long files;
        do {
            try (Stream<Path> walk = Files.walk(blobs)) {
                files = walk.filter(Files::isRegularFile).count();
            }
            if (files == 0) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertFalse(files > 0, "temp blob not removed: " + files + " files under " + blobs);
    }
}
