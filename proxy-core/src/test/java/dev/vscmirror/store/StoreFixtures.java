package dev.vscmirror.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Small helpers to put real-looking exchanges into a test store. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    static BlobRef blob(ContentStore store, String text) {
        try (BlobWriter w = store.newBlob()) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            w.write(b, 0, b.length);
            return w.commit();
        }
    }

    static RecordedExchange exchange(String host, String path, BlobRef body, int status) {
        return new RecordedExchange("GET " + host + path + " enc=identity", "GET", "https://" + host + path, status,
                List.of(new Header("Content-Type", "application/json")), body == null ? null : body.sha256(),
                body == null ? 0 : body.size(), Instant.parse("2026-12-05T06:00:00Z"), host + ":443", 12);
    }
}
