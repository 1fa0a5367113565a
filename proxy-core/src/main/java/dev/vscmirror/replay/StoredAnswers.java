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
 * or, when URL rewriting is on (JSON and {@code Location}) or the client cannot take the recorded gzip encoding,
 * as a {@link ReplayAnswer.Synthesized} copy. VSIX, signature and installer bytes are never changed: they are
 * neither JSON nor redirects, and upstream does not gzip-encode them.
 */
final class StoredAnswers {
    private static final Set<String> DROPPED = Set.of("content-length", "transfer-encoding");

    private final ContentStore store;
    private final UrlRewriter rewriter;

    StoredAnswers(ContentStore store, UrlRewriter rewriter) {
        this.store = store;
        this.rewriter = rewriter;
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

    /** The answer for a recorded exchange, rewritten or decoded when needed. */
    ReplayAnswer serve(RecordedExchange ex, String outcome, boolean clientAcceptsGzip) {
        boolean gzipBody = isGzip(ex);
        boolean decode = gzipBody && !clientAcceptsGzip;
        boolean json = isJson(ex);
        String location = ex.header("Location");
        boolean rewrite = rewriter.active() && (json || location != null);
        if ((!decode && !rewrite) || ex.bodySize() > DerivedRows.MAX_BODY_BYTES) {
            return new ReplayAnswer.Stored(ex, outcome);
        }
        boolean decodeBody = gzipBody && (decode || (rewrite && json));
        byte[] original = read(ex);
        byte[] body = decodeBody ? gunzip(original, ex) : original;
        if (rewrite && json) {
            body = rewriter.rewriteJson(ex.host(), body);
        }
        boolean changed = decodeBody || body != original;
        List<Header> headers = new ArrayList<>(ex.headers().size());
        for (Header h : ex.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (DROPPED.contains(name) || (decodeBody && name.equals("content-encoding"))
                    || (changed && name.equals("etag"))) {
                continue;
            }
            headers.add(name.equals("location") ? new Header(h.name(), rewriter.rewriteLocation(h.value())) : h);
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

    static boolean isJson(RecordedExchange ex) {
        String type = ex.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
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
