package dev.vscmirror.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;

/**
 * The fake Marketplace/CDN/update service over HTTPS with its own test CA, behind a {@link CountingRelay}. Answers
 * are scripted per request target ({@code METHOD path?query}); anything else is 404.
 */
final class FakeUpstream implements AutoCloseable {
    static final String[] HOSTS = {"marketplace.visualstudio.com", "*.gallery.vsassets.io",
        "*.gallerycdn.vsassets.io", "update.code.visualstudio.com"};

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("fake upstream test CA").build();
    private final MockWebServer server = new MockWebServer();
    private final Map<String, MockResponse> answers = new ConcurrentHashMap<>();
    final CountingRelay relay;
    final Path caFile;

    FakeUpstream(Path dir) throws IOException {
        HeldCertificate.Builder leaf = new HeldCertificate.Builder().signedBy(ca);
        for (String host : HOSTS) {
            leaf.addSubjectAlternativeName(host);
        }
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf.build()).build().sslSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse answer = answers.get(request.getMethod() + " " + request.getTarget());
                return answer != null ? answer : new MockResponse.Builder().code(404).body("not here").build();
            }
        });
        server.start(0);
        relay = new CountingRelay(new InetSocketAddress("127.0.0.1", server.getPort()));
        caFile = dir.resolve("upstream-ca.pem");
        Files.writeString(caFile, ca.certificatePem(), StandardCharsets.US_ASCII);
    }

    void answer(String methodAndTarget, MockResponse response) {
        answers.put(methodAndTarget, response);
    }

    static MockResponse ok(byte[] body, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(200).body(new Buffer().write(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    /** {@code HOST=127.0.0.1:relayPort} for every fake host. */
    String overrides() {
        StringBuilder sb = new StringBuilder();
        for (String host : HOSTS) {
            sb.append(sb.length() == 0 ? "" : ",").append(host).append("=127.0.0.1:").append(relay.port());
        }
        return sb.toString();
    }

    int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() throws IOException {
        relay.close();
        server.close();
    }
}
