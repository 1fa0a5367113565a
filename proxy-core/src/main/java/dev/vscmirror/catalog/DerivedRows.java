package dev.vscmirror.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;
import dev.vscmirror.update.UpdateRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The derived rows of one recorded exchange, written in the same batch as the exchange (CONTRACTS.md) and rebuilt
 * by {@code store reindex}: catalog rows from extensionquery and latest-API answers, asset rows for every asset URL
 * form, update rows for update-service answers and build files, and the control manifest's pointer. Never throws:
 * a body that cannot be understood gives no rows (logged), the exchange itself is still stored.
 */
public final class DerivedRows {
    /** Bodies larger than this (as sent) are not parsed. */
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    /**
     * Type byte of the control-manifest pointer in {@code assets} (a derived family, so it travels in bundles and is
     * rebuilt by reindex): key (type, "control"), value {@code {"requestKey","recordedAt"}}.
     */
    public static final byte CONTROL_MANIFEST = 0x02;
    private static final Logger LOG = LoggerFactory.getLogger(DerivedRows.class);

    private DerivedRows() {
    }

    /** @return the key of the control-manifest pointer row in {@code assets} */
    public static byte[] controlManifestKey() {
        return CatalogKeys.key(CONTROL_MANIFEST, "control");
    }

    /** @return the rows to write with the exchange (maybe empty, never null) */
    public static List<IndexRow> derive(RecordedExchange exchange, BodySource body) {
        List<IndexRow> rows = new ArrayList<>();
        RowSink sink = (family, key, value) -> rows.add(new IndexRow(family, key, value));
        try {
            derive(exchange, body, sink);
        } catch (RuntimeException e) {
            LOG.warn("no catalog rows for {} {} ({}): {}", exchange.method(), exchange.url(), exchange.status(),
                    e.getMessage());
            return List.of();
        }
        return rows;
    }

    private static void derive(RecordedExchange exchange, BodySource body, RowSink sink) {
        URI uri = URI.create(exchange.url());
        String host = exchange.host();
        String pathAndQuery = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        int status = exchange.status();
        if (GalleryPaths.isExtensionQuery(exchange.method(), pathAndQuery)) {
            if (status == 200) {
                JsonNode json = json(exchange, body);
                if (json != null) {
                    GalleryRows.fromQueryAnswer(json, exchange.recordedAt(), sink);
                }
            }
            return;
        }
        if ("GET".equals(exchange.method()) && GalleryPaths.latest(host, pathAndQuery).isPresent()) {
            if (status == 200) {
                GalleryRows.fromExtension(json(exchange, body), exchange.recordedAt(), sink);
            }
            return;
        }
        Optional<AssetRef> asset = AssetUrls.parse(host, pathAndQuery);
        if (asset.isPresent()) {
            AssetRows.derive(exchange, asset.get(), sink);
            return;
        }
        if (GalleryPaths.isControlManifest(host, pathAndQuery)) {
            if (status == 200) {
                ObjectNode v = CatalogJson.object();
                v.put("requestKey", exchange.requestKey());
                v.put("recordedAt", exchange.recordedAt().toEpochMilli());
                sink.row(CatalogKeys.ASSETS, controlManifestKey(), CatalogJson.bytes(v));
            }
            return;
        }
        UpdateRows.derive(exchange, () -> json(exchange, body), sink);
    }

    /** @return the decoded JSON body, or null when empty, too large or not JSON */
    static JsonNode json(RecordedExchange exchange, BodySource body) {
        if (exchange.bodySize() == 0 || exchange.bodySize() > MAX_BODY_BYTES) {
            if (exchange.bodySize() > MAX_BODY_BYTES) {
                LOG.info("not parsing {} bytes of {} (over {} bytes)", exchange.bodySize(), exchange.url(),
                        MAX_BODY_BYTES);
            }
            return null;
        }
        String encoding = exchange.header("Content-Encoding");
        try (InputStream raw = body.open();
             InputStream in = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")
                     ? new GZIPInputStream(raw) : raw) {
            return CatalogJson.MAPPER.readTree(new BoundedInputStream(in, 8 * MAX_BODY_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON body of " + exchange.url() + ": " + e.getMessage(), e);
        }
    }

    /** Stops a decompressing reader at a limit (a gzip bomb gives an error, not an exhausted heap). */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("decoded body over " + 8 * MAX_BODY_BYTES + " bytes");
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
