import dev.vscmirror.record.RequestKey;
import dev.vscmirror.store.BlobRef;
import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a store with N recorded exchanges for the start-up benchmark (issue 8, measure 6), through the store's own
 * API (ContentStore.putExchange, one batch per exchange, as the recorder writes them).
 *
 * <p>Run with the built jar on the class path (Java's single-file source launcher):
 * {@code java -cp proxy-core/target/vscmirror.jar proxy-core/bench/startup/StoreFiller.java DATA_DIR N}.
 *
 * <p>Shape: asset downloads (VSIX packages, manifests, icons) spread over 5,000 publishers and N/4 extensions on
 * the *.gallerycdn.vsassets.io names, the request keys the mirror would compute for them; bodies are 64 small
 * committed blobs shared round-robin (the index size is what start-up reads, not the body bytes).
 */
public final class StoreFiller {
    private static final String[] ASSETS = {
        "Microsoft.VisualStudio.Services.VSIXPackage", "Microsoft.VisualStudio.Code.Manifest",
        "Microsoft.VisualStudio.Services.Icons.Default", "Microsoft.VisualStudio.Services.VsixSignature"};

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StoreFiller DATA_DIR COUNT");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        long count = Long.parseLong(args[1]);
        long t0 = System.nanoTime();
        try (ContentStore store = ContentStore.open(dataDir)) {
            List<BlobRef> blobs = new ArrayList<>();
            for (int b = 0; b < 64; b++) {
                try (BlobWriter writer = store.newBlob()) {
                    byte[] body = ("synthetic asset body " + b + "\n").repeat(64).getBytes(StandardCharsets.UTF_8);
                    writer.write(body, 0, body.length);
                    blobs.add(writer.commit());
                }
            }
            Instant now = Instant.now();
            for (long i = 0; i < count; i++) {
                long ext = i / ASSETS.length;
                String publisher = "pub" + (ext % 5000);
                String host = publisher + ".gallerycdn.vsassets.io";
                String path = "/extensions/" + publisher + "/ext" + ext + "/1.0." + (ext % 7) + "/1700000000000/"
                        + ASSETS[(int) (i % ASSETS.length)];
                BlobRef blob = blobs.get((int) (i % blobs.size()));
                String key = RequestKey.of("GET", host, path, "gzip", null).value();
                RecordedExchange exchange = new RecordedExchange(key, "GET", "https://" + host + path, 200,
                        List.of(new Header("Content-Type", "application/octet-stream"),
                                new Header("Content-Length", Long.toString(blob.size()))),
                        blob.sha256(), blob.size(), now, "127.0.0.1:443", 3);
                store.putExchange(exchange, List.of());
                if ((i + 1) % 100_000 == 0) {
                    System.err.printf("  %,d exchanges (%.0f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        System.out.printf("%d exchanges in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }
}
