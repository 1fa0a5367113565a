package dev.vscmirror.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.store.StoreVerifier;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording a body larger than the mirror's whole heap works, so the body is streamed, never held (issue 3). The
 * 2 GiB / -Xmx256m run is the benchmark (proxy-core/bench/recording/run.sh); this keeps the same proof small.
 */
@Timeout(300)
class RecordingMemoryIT {
    private static final long BODY = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void recordsABodyLargerThanTheHeapOfAnXmx64mMirror() throws Exception {
        Path data = dir.resolve("data");
        try (GeneratedUpstream upstream = new GeneratedUpstream(dir.resolve("upstream"));
                MirrorChild mirror = new MirrorChild("64m", data, upstream.port(), upstream.caPem(),
                        dir.resolve("mirror.log"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + mirror.port() + "/big/" + BODY + ".bin"))
                    .header("X-Test-Host", GeneratedUpstream.HOST).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long n = 0;
            try (InputStream in = response.body()) {
                byte[] buf = new byte[64 * 1024];
                for (int r; (r = in.read(buf)) > 0; n += r) {
                    md.update(buf, 0, r);
                }
            }
            String expected = GeneratedUpstream.sha256(BODY);
            assertEquals(BODY, n);
            assertEquals(expected, HexFormat.of().formatHex(md.digest()), "the client got the upstream bytes");
            assertEquals("RESULT 200 " + BODY + " recorded", mirror.nextResult(120));
            System.out.printf("recorded %d MiB through a -Xmx64m mirror: peak RSS (VmHWM) %d MiB%n",
                    BODY >> 20, mirror.peakRssKib() >> 10);
        }
        try (ContentStore store = ContentStore.open(data)) {
            RecordedExchange ex = store.exchange(RequestKey.of("GET", GeneratedUpstream.HOST, "/big/" + BODY + ".bin",
                    null, null).value()).orElseThrow();
            assertEquals(GeneratedUpstream.sha256(BODY), ex.bodySha256());
            assertEquals(BODY, ex.bodySize());
            StoreVerifier.Report report = StoreVerifier.verify(store, bytes -> { });
            assertEquals(java.util.List.of(), report.problems());
        }
    }
}
