import dev.vscmirror.store.BlobRef;
import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills a store with about MB megabytes of mixed bodies for the export benchmark (run with the shaded
 * export jar on the class path: java -cp vscmirror-export.jar BenchStore.java DATA_DIR MB TAG).
 * Mix by bytes: ~60% VS Code builds (32-192 MiB), ~35% VSIX files (0.5-24 MiB), ~5% small JSON (1-64 KiB).
 */
public class BenchStore {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long target = Long.parseLong(args[1]) << 20;
        String tag = args.length > 2 ? args[2] : "base";
        SplittableRandom rnd = new SplittableRandom(tag.hashCode());
        byte[] chunk = new byte[1 << 20];
        rnd.nextBytes(chunk);
        long written = 0;
        int n = 0;
        try (ContentStore store = ContentStore.open(dir)) {
            while (written < target) {
                double kind = rnd.nextDouble();
                long size;
                String url;
                if (kind < 0.01 && target - written > (32L << 20)) {
                    size = Math.min(target - written, (32L + rnd.nextInt(160)) << 20);
                    url = "https://vscode.download.prss.microsoft.com/dbazure/download/stable/" + hex40(tag, n) + "/build-" + n + ".tar.gz";
                } else if (kind < 0.15) {
                    size = (512L << 10) + rnd.nextLong(24L << 20);
                    url = "https://pub" + n % 97 + ".gallerycdn.vsassets.io/extensions/pub" + n % 97 + "/ext" + n + "/1." + tag.length()
                            + "." + n + "/1700000000000/Microsoft.VisualStudio.Services.VSIXPackage";
                } else {
                    size = 1024 + rnd.nextInt(64 << 10);
                    url = "https://marketplace.visualstudio.com/_apis/public/gallery/vscode/pub" + n % 97 + "/ext" + n + "/latest?" + tag;
                }
                size = Math.min(size, Math.max(1, target - written));
                BlobRef ref;
                try (BlobWriter w = store.newBlob()) {
                    long left = size;
                    long piece = 0;
                    while (left > 0) {
                        int len = (int) Math.min(chunk.length, left);
                        // a unique 16-byte stamp per MiB keeps every body distinct without generating new random data
                        ByteBuffer.wrap(chunk).putLong(0, tag.hashCode() * 31L + n).putLong(8, piece++);
                        w.write(chunk, 0, len);
                        left -= len;
                    }
                    ref = w.commit();
                }
                String hostPath = url.substring("https://".length());
                store.putExchange(new RecordedExchange("GET " + hostPath + " enc=identity", "GET", url, 200,
                        List.of(new Header("Content-Type", "application/octet-stream")), ref.sha256(), ref.size(),
                        Instant.now(), "bench", 1), List.of());
                written += size;
                n++;
            }
        }
        System.out.println("generated " + n + " exchanges, " + (written >> 20) + " MiB in " + dir);
    }

    private static String hex40(String tag, int n) {
        return String.format("%040x", (long) tag.hashCode() * 1_000_003L + n).substring(0, 40);
    }
}
