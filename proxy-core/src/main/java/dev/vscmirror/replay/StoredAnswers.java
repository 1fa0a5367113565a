package dev.vscmirror.replay;

import dev.vscmirror.catalog.DerivedRows;
import dev.vscmirror.record.RequestKey;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Header;
import dev.vscmirror.store.RecordedExchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Finds recorded exchanges by request key and turns them into answers: as recorded ({@link ReplayAnswer.Stored}),
 * or, when the client cannot take the recorded gzip encoding, as a decoded {@link ReplayAnswer.Synthesized} copy.
 * URL rewriting is not done here: the server applies {@link UrlRewriter} to every answer on its way out.
 */
final class StoredAnswers {
    private static final Set<String> DROPPED = Set.of("content-length", "transfer-encoding");

    private final ContentStore store;

    StoredAnswers(ContentStore store) {
        this.store = store;
    }

    /**
     * Looks a request up under its own encoding variant first, then the other one: an identity recording always
     * serves a gzip-accepting client; a gzip-variant recording serves any client (decoded when it was encoded).
     */
    Optional<RecordedExchange> find(String method, String host, String pathAndQuery, byte[] body, boolean gzipOk) {
        Optional<RecordedExchange> own = exchange(RequestKey.of(method, host, pathAndQuery, gzipOk ? "gzip" : null, body));
        return own.isPresent() ? own
                : exchange(RequestKey.of(method, host, pathAndQuery, gzipOk ? null : "gzip", body));
    }

    Optional<RecordedExchange> exchange(RequestKey key) {
        return store.exchange(key.value());
    }

    Optional<RecordedExchange> exchange(String requestKey) {
        return store.exchange(requestKey);
    }

    /** The answer for a recorded exchange: as recorded, or decoded for a client that does not accept gzip. */
    ReplayAnswer serve(RecordedExchange ex, String outcome, boolean clientAcceptsGzip) {
        if (!isGzip(ex) || clientAcceptsGzip || ex.bodySize() > DerivedRows.MAX_BODY_BYTES) {
            return new ReplayAnswer.Stored(ex, outcome);
        }
        byte[] body = gunzip(read(ex), ex);
        List<Header> headers = new ArrayList<>(ex.headers().size());
        for (Header h : ex.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(name) && !name.equals("content-encoding") && !name.equals("etag")) {
                headers.add(h);
            }
        }
        return new ReplayAnswer.Synthesized(ex.status(), headers, body, outcome);
    }

    /** @return the decoded body of a small recorded exchange */
    byte[] decodedBody(RecordedExchange ex) {
        byte[] raw = read(ex);
        return isGzip(ex) ? gunzip(raw, ex) : raw;
    }

    static boolean isGzip(RecordedExchange ex) {
        String enc = ex.header("Content-Encoding");
        return enc != null && enc.toLowerCase(Locale.ROOT).contains("gzip");
    }

    private byte[] read(RecordedExchange ex) {
        if (ex.bodySha256() == null) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(store.blobPath(ex.bodySha256()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded body of " + ex.url() + " (blob "
                    + ex.bodySha256() + "): " + e.getMessage(), e);
        }
    }

    private static byte[] gunzip(byte[] raw, RecordedExchange ex) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readNBytes((int) (8 * DerivedRows.MAX_BODY_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("recorded gzip body of " + ex.url() + " does not decode: " + e.getMessage(), e);
        }
    }
}
