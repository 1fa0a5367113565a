package dev.vscmirror.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.StoreVerifier;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of the mirror in the middle of a recording leaves a store that reopens clean (issue 3). */
@Timeout(300)
class RecordingCrashIT {
    private static final long BIG = 256L * 1024 * 1024;
    private static final long STALL_AFTER = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void killDashNineMidRecordingLeavesNoRowForThePartialBodyAndTheStoreVerifies() throws Exception {
        Path data = dir.resolve("data");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (GeneratedUpstream upstream = new GeneratedUpstream(dir.resolve("upstream"))) {
            MirrorChild mirror = new MirrorChild("128m", data, upstream.port(), upstream.caPem(),
                    dir.resolve("mirror.log"));
            try {
                HttpResponse<byte[]> small = http.send(request(mirror, "/small/4096.bin"),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, small.statusCode());
                assertEquals("RESULT 200 4096 recorded", mirror.nextResult(60));

                // Upstream sends 8 MiB of 256 MiB and then holds the connection: the recording is mid-body.
                HttpResponse<InputStream> big = http.send(request(mirror, "/big/" + BIG + ".bin?stallAfter="
                        + STALL_AFTER), HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, big.statusCode());
                try (InputStream in = big.body()) {
                    assertEquals(STALL_AFTER, in.readNBytes((int) STALL_AFTER).length);
                    waitForTempBlob(data.resolve("blobs/tmp"));
                    mirror.kill9();
                }
            } finally {
                mirror.close();
            }
        }
        try (ContentStore store = ContentStore.open(data)) {
            AtomicLong exchanges = new AtomicLong();
            store.forEachExchange(ex -> {
                exchanges.incrementAndGet();
                assertEquals(4096, ex.bodySize(), "only the complete small body has a row: " + ex.url());
            });
            assertEquals(1, exchanges.get());
            StoreVerifier.Report report = StoreVerifier.verify(store, bytes -> { });
            assertEquals(List.of(), report.problems());
            try (Stream<Path> temps = Files.list(data.resolve("blobs/tmp"))) {
                assertEquals(0, temps.count(), "reopening removed the partial temp blob");
            }
        }
    }

    private static HttpRequest request(MirrorChild mirror, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mirror.port() + path))
                .header("X-Test-Host", GeneratedUpstream.HOST).timeout(Duration.ofSeconds(60)).build();
    }

    /** Waits until the partial body is visibly on disk as a temp blob (the tee writes behind the client). */
    private static void waitForTempBlob(Path tmp) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(tmp)) {
                if (files.anyMatch(p -> p.toFile().length() > 0)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        fail("no temp blob appeared under " + tmp);
    }
}
