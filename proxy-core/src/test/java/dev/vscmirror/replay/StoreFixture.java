package dev.vscmirror.replay;

import dev.vscmirror.catalog.DerivedRows;
import dev.vscmirror.record.RequestKey;
import dev.vscmirror.store.BlobRef;
import dev.vscmirror.store.BlobWriter;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.IndexRow;
import dev.vscmirror.store.RecordedExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Records exchanges into a real store the way the recording path does: blob, exchange and derived rows. */
final class StoreFixture {
    final ContentStore store;
    final List<IndexRow> allRows = new ArrayList<>();
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    StoreFixture(ContentStore store) {
        this.store = store;
    }

    /** Records one exchange; the body is stored as given (gzip it first to record an encoded answer). */
    RecordedExchange record(String method, String url, String acceptEncoding, byte[] requestBody, int status,
            List<Header> headers, byte[] body) {
        URI uri = URI.create(url);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestKey key = RequestKey.of(method, uri.getHost(), pathAndQuery, acceptEncoding, requestBody);
        String sha = null;
        if (body.length > 0) {
            try (BlobWriter w = store.newBlob()) {
                w.write(body, 0, body.length);
                BlobRef ref = w.commit();
                sha = ref.sha256();
            }
        }
        clock = clock.plusSeconds(60);
        RecordedExchange ex = new RecordedExchange(key.value(), method, url, status, headers, sha, body.length, clock,
                uri.getHost(), 5);
        List<IndexRow> rows = DerivedRows.derive(ex, () -> Files.newInputStream(store.blobPath(ex.bodySha256())));
        store.putExchange(ex, rows);
        allRows.addAll(rows);
        return ex;
    }

    RecordedExchange json(String method, String url, String acceptEncoding, String requestBody, byte[] body) {
        return record(method, url, acceptEncoding,
                requestBody == null ? null : requestBody.getBytes(StandardCharsets.UTF_8), 200,
                List.of(new Header("Content-Type", "application/json; charset=utf-8")), body);
    }

    static ReplayRequest request(String method, String url, String acceptEncoding, String body) {
        URI uri = URI.create(url);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return new ReplayRequest(method, uri.getHost(), pathAndQuery,
                acceptEncoding == null ? Map.of() : Map.of("accept-encoding", acceptEncoding), b,
                RequestKey.of(method, uri.getHost(), pathAndQuery, acceptEncoding, b));
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] resource(String path) {
        try (var in = StoreFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(ReplayAnswer answer) {
        return new String(((ReplayAnswer.Synthesized) answer).body(), StandardCharsets.UTF_8);
    }
}
