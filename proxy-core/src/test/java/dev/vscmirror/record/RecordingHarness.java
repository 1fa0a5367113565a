package dev.vscmirror.record;

import dev.vscmirror.config.RecordConfig;
import dev.vscmirror.config.UpstreamConfig;
import dev.vscmirror.config.UpstreamConfig.UpstreamOverride;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.upstream.UpstreamClient;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A minimal recording mirror in its own JVM, for memory, crash and throughput measurements: the real
 * {@link UpstreamClient} and {@link RecordingForwarder} behind the plain-HTTP {@link ForwardingTestServer}.
 * Main-scope classes only, so it runs from {@code vscmirror.jar:test-classes}.
 *
 * <pre>RecordingHarness DATA_DIR UPSTREAM_PORT CA_PEM</pre>
 * Every host is sent to {@code 127.0.0.1:UPSTREAM_PORT} (overrides for localhost and the Microsoft names). Prints
 * {@code PORT n} when listening, then {@code RESULT status bytes outcome} per finished forward; stops on SIGTERM
 * (closing the store cleanly).
 */
public final class RecordingHarness {
    private RecordingHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: RecordingHarness DATA_DIR UPSTREAM_PORT CA_PEM");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        String at = "=127.0.0.1:" + Integer.parseInt(args[1]);
        EventLoopGroup group = TestLoops.create(2);
        UpstreamClient client = new UpstreamClient(new UpstreamConfig(List.of(
                UpstreamOverride.parse(GeneratedUpstream.HOST + at),
                UpstreamOverride.parse(ForwardingTestServer.DEFAULT_HOST + at),
                UpstreamOverride.parse("*.vsassets.io" + at)),
                Path.of(args[2]), null, Duration.ofSeconds(10), Duration.ofSeconds(60), 3, null), group, Set.of());
        ContentStore store = ContentStore.open(data);
        ExecutorService disk = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vscmirror-disk");
            t.setDaemon(true);
            return t;
        });
        RecordingForwarder forwarder = new RecordingForwarder(client, store,
                new RecordConfig(Set.of(200, 204, 301, 302, 307, 308, 404)), ex -> List.of(), rows -> { }, disk);
        ForwardingTestServer front = new ForwardingTestServer(group, forwarder, false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            front.close();
            client.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            disk.shutdown();
            try {
                disk.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.close();
        }));
        System.out.println("PORT " + front.port());
        System.out.flush();
        while (true) {
            ForwardResult r = front.results().take();
            System.out.println("RESULT " + r.status() + " " + r.bytes() + " " + r.outcome());
            System.out.flush();
        }
    }
}
