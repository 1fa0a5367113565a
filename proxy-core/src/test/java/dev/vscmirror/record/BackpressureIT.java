package dev.vscmirror.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vscmirror.config.RecordConfig;
import dev.vscmirror.config.UpstreamConfig;
import dev.vscmirror.config.UpstreamConfig.UpstreamOverride;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.upstream.UpstreamClient;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A client that stops reading stops the mirror reading upstream: nothing piles up in memory (issue 3). */
@Timeout(300)
class BackpressureIT {
    private static final long BODY = 256L * 1024 * 1024;
    private static final long BOUND = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aStalledClientPausesUpstreamReadsAndTheRecordingCompletesWhenItResumes() throws Exception {
        EventLoopGroup group = TestLoops.create(2);
        ExecutorService disk = Executors.newFixedThreadPool(2);
        try (GeneratedUpstream upstream = new GeneratedUpstream(dir.resolve("upstream"));
                UpstreamClient client = new UpstreamClient(new UpstreamConfig(List.of(UpstreamOverride.parse(
                        GeneratedUpstream.HOST + "=127.0.0.1:" + upstream.port())), upstream.caPem(), null,
                        Duration.ofSeconds(5), Duration.ofSeconds(60), 0, null), group, Set.of());
                ContentStore store = ContentStore.open(dir.resolve("data"))) {
            RecordingForwarder forwarder = new RecordingForwarder(client, store, new RecordConfig(Set.of(200)),
                    ex -> List.of(), rows -> { }, disk);
            try (ForwardingTestServer front = new ForwardingTestServer(group, forwarder, false);
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), front.port())) {
                socket.setReceiveBufferSize(64 * 1024);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /big/" + BODY + ".bin HTTP/1.1\r\nHost: x\r\nX-Test-Host: " + GeneratedUpstream.HOST
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(head.toLowerCase().contains("content-length: " + BODY), head);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                long total = copy(in, md, 1024);

                // The client stops reading: within a few seconds upstream must stall far short of the body.
                long before;
                long after = upstream.sentBytes();
                do {
                    before = after;
                    Thread.sleep(2000);
                    after = upstream.sentBytes();
                } while (after != before && after < BOUND);
                assertTrue(after < BOUND, "upstream kept sending to a stalled client: " + (after >> 20) + " MiB");

                total += copy(in, md, BODY - total);
                assertEquals(BODY, total);
                assertEquals(GeneratedUpstream.sha256(BODY), HexFormat.of().formatHex(md.digest()));
                ForwardResult result = front.results().poll(120, TimeUnit.SECONDS);
                assertNotNull(result);
                assertEquals(ForwardResult.RECORDED, result.outcome());
                System.out.printf("upstream stalled at %d MiB of %d MiB while the client did not read%n",
                        after >> 20, BODY >> 20);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            disk.shutdown();
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("connection closed in the response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads exactly {@code n} bytes into {@code md}. */
    private static long copy(InputStream in, MessageDigest md, long n) throws Exception {
        byte[] buf = new byte[64 * 1024];
        long done = 0;
        while (done < n) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                throw new IllegalStateException("body ended after " + done + " of " + n + " bytes");
            }
            md.update(buf, 0, r);
            done += r;
        }
        return done;
    }
}
