package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vscmirror.config.MirrorConfig.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forward-proxy listener: tunnel or refuse unlisted hosts, absolute-URI requests, and fallback mode. */
class ForwardProxyIT {
    private static final String MANIFEST = "/extensions/pub/ext/1.0.0/1700000000000/Microsoft.VisualStudio.Code.Manifest";
    private static final byte[] BODY = "{\"name\":\"ext\",\"publisher\":\"pub\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    FakeUpstream upstream;
    MirrorFixture mirror;
    MockWebServer elsewhere;
    HeldCertificate elsewhereCa;

    @BeforeEach
    void setUp() throws Exception {
        upstream = new FakeUpstream(dir);
        upstream.answer("GET " + MANIFEST, FakeUpstream.ok(BODY, "Content-Type", "application/json"));
        mirror = new MirrorFixture(dir.resolve("data"), upstream, Map.of());
        elsewhereCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("elsewhere CA").build();
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
                .signedBy(elsewhereCa).build();
        elsewhere = new MockWebServer();
        elsewhere.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
        elsewhere.enqueue(new MockResponse.Builder().body("not mirrored").build());
        elsewhere.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        elsewhere.close();
        mirror.close();
        upstream.close();
    }

    private OkHttpClient proxiedTrustingBoth() {
        HandshakeCertificates both = new HandshakeCertificates.Builder().addTrustedCertificate(mirror.ca)
                .addTrustedCertificate(elsewhereCa.certificate()).build();
        return new OkHttpClient.Builder().sslSocketFactory(both.sslSocketFactory(), both.trustManager())
                .proxy(new Proxy(Proxy.Type.HTTP, mirror.server.address("proxy"))).build();
    }

    @Test
    void unlistedHostIsTunnelledUntouchedInRecordMode() throws Exception {
        try (Response r = proxiedTrustingBoth().newCall(new Request.Builder()
                .url("https://localhost:" + elsewhere.getPort() + "/").build()).execute()) {
            assertEquals("not mirrored", r.body().string());
            X509Certificate peer = (X509Certificate) r.handshake().peerCertificates().get(0);
            assertEquals(elsewhereCa.certificate().getSubjectX500Principal(), peer.getIssuerX500Principal(),
                    "the tunnelled host's own certificate reaches the client");
        }
    }

    @Test
    void unlistedHostIsRefusedInReplayMode() {
        mirror.server.mode().set(Mode.REPLAY);
        IOException e = assertThrows(IOException.class, () -> proxiedTrustingBoth().newCall(new Request.Builder()
                .url("https://localhost:" + elsewhere.getPort() + "/").build()).execute().close());
        assertEquals(0, elsewhere.getRequestCount(), e.toString());
    }

    @Test
    void absoluteUriRequestForAListedHostIsAnsweredLikeTheTlsListener() throws Exception {
        OkHttpClient plain = new OkHttpClient.Builder()
                .proxy(new Proxy(Proxy.Type.HTTP, mirror.server.address("proxy"))).build();
        try (Response r = plain.newCall(new Request.Builder()
                .url("http://pub.gallerycdn.vsassets.io" + MANIFEST).build()).execute()) {
            assertEquals(200, r.code());
            assertArrayEquals(BODY, r.body().bytes());
        }
        upstream.relay.switchOff();
        mirror.server.mode().set(Mode.REPLAY);
        try (Response r = mirror.direct().newCall(new Request.Builder()
                .url(mirror.url("pub.gallerycdn.vsassets.io", MANIFEST)).build()).execute()) {
            assertArrayEquals(BODY, r.body().bytes(), "the plain-HTTP request was recorded");
        }
    }

    @Test
    void fallbackAnswersFromTheStoreWhenUpstreamFails() throws Exception {
        OkHttpClient client = mirror.direct();
        String url = mirror.url("pub.gallerycdn.vsassets.io", MANIFEST);
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertArrayEquals(BODY, r.body().bytes());
        }
        upstream.relay.switchOff();
        mirror.server.mode().set(Mode.FALLBACK);
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, r.code());
            assertArrayEquals(BODY, r.body().bytes());
        }
    }
}
