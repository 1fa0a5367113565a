package dev.vscmirror.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.config.HostPort;
import dev.vscmirror.config.UpstreamConfig;
import dev.vscmirror.config.UpstreamConfig.UpstreamOverride;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class UpstreamClientIT {
    private static final String HOST = "marketplace.visualstudio.com";

    @TempDir
    Path dir;
    private final TestCa ca = TestCa.microsoft();
    private final MockWebServer server = new MockWebServer();
    private EventLoopGroup group;
    private UpstreamClient client;

    @BeforeEach
    void start() throws IOException {
        server.useHttps(ca.serverCertificates().sslSocketFactory());
        server.start(InetAddress.getLoopbackAddress(), 0);
        group = TestCa.eventLoops();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        server.close();
    }

    private UpstreamConfig config(List<UpstreamOverride> overrides, Path extraCa, URI proxy, Duration read, int retries) {
        return new UpstreamConfig(overrides, extraCa, proxy, Duration.ofSeconds(5), read, retries, null);
    }

    private List<UpstreamOverride> toServer() {
        return List.of(UpstreamOverride.parse("*.visualstudio.com=127.0.0.1:" + server.getPort()));
    }

    private static FullHttpRequest get(String path) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        r.headers().set(HttpHeaderNames.HOST, HOST);
        return r;
    }

    static CompletableFuture<byte[]> readAll(UpstreamResponse response) {
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.eventLoop().execute(() -> {
            response.subscribe(new BodyReceiver() {
                @Override
                public void onContent(ByteBuf data) {
                    try {
                        data.readBytes(out, data.readableBytes());
                    } catch (IOException e) {
                        body.completeExceptionally(e);
                    } finally {
                        data.release();
                    }
                    response.request();
                }

                @Override
                public void onComplete() {
                    body.complete(out.toByteArray());
                }

                @Override
                public void onError(UpstreamException cause) {
                    body.completeExceptionally(cause);
                }
            });
            response.request();
        });
        return body;
    }

    private static UpstreamException failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(UpstreamException.class, e.getCause());
    }

    @Test
    void fetchesOverVerifiedTlsWithSniAndReusesTheConnection() throws Exception {
        client = new UpstreamClient(config(toServer(), ca.writeCaPem(dir), null, Duration.ofSeconds(10), 0), group,
                Set.of());
        server.enqueue(new MockResponse.Builder().body("first").build());
        server.enqueue(new MockResponse.Builder().body("second").build());

        UpstreamResponse one = client.send(HOST, 443, get("/one")).get(30, TimeUnit.SECONDS);
        assertEquals(200, one.status());
        assertEquals("first", new String(readAll(one).get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        UpstreamResponse two = client.send(HOST, 443, get("/two")).get(30, TimeUnit.SECONDS);
        assertEquals("second", new String(readAll(two).get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));

        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertEquals(List.of(HOST), first.getHandshakeServerNames(), "SNI is the request host");
        assertEquals(first.getConnectionIndex(), second.getConnectionIndex(), "keep-alive connection reused");
        assertEquals("/two", second.getTarget());
    }

    @Test
    void refusesACertificateIssuedForAnotherHost() throws Exception {
        TestCa other = TestCa.forNames("not-marketplace.example");
        server.useHttps(other.serverCertificates().sslSocketFactory());
        client = new UpstreamClient(config(toServer(), other.writeCaPem(dir), null, Duration.ofSeconds(10), 0), group,
                Set.of());
        server.enqueue(new MockResponse.Builder().body("never").build());

        UpstreamException e = failure(client.send(HOST, 443, get("/")));
        assertEquals(UpstreamException.Kind.TLS, e.kind(), e.getMessage());
    }

    @Test
    void refusesAnUntrustedCertificateWithoutTheExtraCa() {
        client = new UpstreamClient(config(toServer(), null, null, Duration.ofSeconds(10), 0), group, Set.of());
        server.enqueue(new MockResponse.Builder().body("never").build());

        UpstreamException e = failure(client.send(HOST, 443, get("/")));
        assertEquals(UpstreamException.Kind.TLS, e.kind(), e.getMessage());
    }

    @Test
    void loopGuardRefusesTheMirrorsOwnAddress() throws Exception {
        // "localhost" resolves through the JDK resolver to loopback; the mirror "listens" on that address and port.
        InetSocketAddress own = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort());
        client = new UpstreamClient(config(List.of(), ca.writeCaPem(dir), null, Duration.ofSeconds(10), 3), group,
                Set.of(own));
        UpstreamException e = failure(client.send("localhost", server.getPort(), get("/")));
        assertEquals(UpstreamException.Kind.LOOP, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("own listening address"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void loopGuardTreatsAWildcardListenerAsEveryLocalAddress() throws Exception {
        client = new UpstreamClient(config(List.of(), ca.writeCaPem(dir), null, Duration.ofSeconds(10), 0), group,
                Set.of(new InetSocketAddress("0.0.0.0", server.getPort())));
        UpstreamException e = failure(client.send("localhost", server.getPort(), get("/")));
        assertEquals(UpstreamException.Kind.LOOP, e.kind(), e.getMessage());
    }

    @Test
    void retriesAConnectFailureWithBackOffThenGivesUp() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        AtomicInteger retries = new AtomicInteger();
        client = new UpstreamClient(config(List.of(new UpstreamOverride(HOST, new HostPort("127.0.0.1", closedPort))),
                ca.writeCaPem(dir), null, Duration.ofSeconds(10), 2), group, Set.of(), new UpstreamListener() {
                    @Override
                    public void retry(String host, String reason) {
                        assertEquals("connect", reason);
                        retries.incrementAndGet();
                    }
                });
        UpstreamException e = failure(client.send(HOST, 443, get("/")));
        assertEquals(UpstreamException.Kind.CONNECT, e.kind(), e.getMessage());
        assertEquals(2, retries.get());
    }

    @Test
    void retriesA503ForGetButNeverForPost() throws Exception {
        AtomicInteger retries = new AtomicInteger();
        client = new UpstreamClient(config(toServer(), ca.writeCaPem(dir), null, Duration.ofSeconds(10), 3), group,
                Set.of(), new UpstreamListener() {
                    @Override
                    public void retry(String host, String reason) {
                        retries.incrementAndGet();
                    }
                });
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("busy").build());
        server.enqueue(new MockResponse.Builder().body("ok").build());
        UpstreamResponse ok = client.send(HOST, 443, get("/x")).get(30, TimeUnit.SECONDS);
        assertEquals(200, ok.status());
        assertEquals("ok", new String(readAll(ok).get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertEquals(1, retries.get());

        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        FullHttpRequest post = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/stats");
        post.headers().set(HttpHeaderNames.HOST, HOST).set(HttpHeaderNames.CONTENT_LENGTH, 0);
        UpstreamResponse busy = client.send(HOST, 443, post).get(30, TimeUnit.SECONDS);
        assertEquals(503, busy.status());
        readAll(busy).get(30, TimeUnit.SECONDS);
        assertEquals(1, retries.get(), "POST is not retried");
    }

    @Test
    void aSilentUpstreamTimesOut() throws Exception {
        client = new UpstreamClient(config(toServer(), ca.writeCaPem(dir), null, Duration.ofMillis(500), 0), group,
                Set.of());
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("late").build());
        UpstreamException e = failure(client.send(HOST, 443, get("/slow")));
        assertEquals(UpstreamException.Kind.TIMEOUT, e.kind(), e.getMessage());
    }

    @Test
    void tunnelsThroughTheEgressProxyWithCredentials() throws Exception {
        try (TinyConnectProxy proxy = new TinyConnectProxy()) {
            client = new UpstreamClient(config(toServer(), ca.writeCaPem(dir),
                    URI.create("http://mirror:s%40cret@127.0.0.1:" + proxy.port()), Duration.ofSeconds(10), 0), group,
                    Set.of());
            server.enqueue(new MockResponse.Builder().body("via proxy").build());
            UpstreamResponse r = client.send(HOST, 443, get("/p")).get(30, TimeUnit.SECONDS);
            assertEquals("via proxy", new String(readAll(r).get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            assertEquals(1, proxy.heads().size());
            String head = proxy.heads().get(0);
            assertTrue(head.startsWith("CONNECT 127.0.0.1:" + server.getPort() + " HTTP/1.1"), head);
            String basic = Base64.getEncoder().encodeToString("mirror:s@cret".getBytes(StandardCharsets.UTF_8));
            assertTrue(head.toLowerCase().contains("proxy-authorization: basic " + basic.toLowerCase()), head);
            assertEquals(List.of(HOST), server.takeRequest().getHandshakeServerNames());
        }
    }
}
