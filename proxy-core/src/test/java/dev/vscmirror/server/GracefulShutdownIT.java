package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the mirror lets an answer in flight finish, then refuses new connections. */
class GracefulShutdownIT {
    @TempDir
    Path dir;

    @Test
    void answerInFlightCompletesAndNewConnectionsAreRefused() throws Exception {
        byte[] body = new byte[256 * 1024];
        new Random(7).nextBytes(body);
        try (FakeUpstream upstream = new FakeUpstream(dir)) {
            // about 2 s for the whole body: long enough to close the mirror in the middle
            upstream.answer("GET /slow", new MockResponse.Builder().body(new Buffer().write(body))
                    .throttleBody(32 * 1024, 250, TimeUnit.MILLISECONDS).build());
            MirrorFixture mirror = new MirrorFixture(dir.resolve("data"), upstream, Map.of());
            int port = mirror.tlsPort();
            try (Response r = mirror.direct().newCall(new Request.Builder()
                    .url(mirror.url("update.code.visualstudio.com", "/slow")).build()).execute();
                 InputStream in = r.body().byteStream()) {
                byte[] first = in.readNBytes(1024);
                CompletableFuture<Void> closing = CompletableFuture.runAsync(mirror::close);
                byte[] rest = in.readAllBytes();
                closing.get(60, TimeUnit.SECONDS);
                byte[] all = new byte[first.length + rest.length];
                System.arraycopy(first, 0, all, 0, first.length);
                System.arraycopy(rest, 0, all, first.length, rest.length);
                assertArrayEquals(body, all, "the answer in flight was cut");
            }
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        }
    }
}
