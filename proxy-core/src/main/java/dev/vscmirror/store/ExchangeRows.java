package dev.vscmirror.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** How an exchange goes into a batch: its row, its journal entry (replacing an old one) and lastSequence. */
final class ExchangeRows {
    private ExchangeRows() {
    }

    /** One exchange added to a batch; {@code changed} when it took a new sequence. */
    record Pending(RecordedExchange exchange, RecordedExchange old, long seq, boolean changed) {
    }

    static Pending add(RocksIndex index, WriteBatch batch, RecordedExchange exchange, long lastSeq)
            throws RocksDBException {
        byte[] key = StoreKeys.exchange(exchange.requestKey());
        byte[] oldBytes = index.get(Families.EXCHANGES, key);
        JsonNode oldNode = oldBytes == null ? null : ExchangeCodec.read(oldBytes);
        RecordedExchange old = oldNode == null ? null : ExchangeCodec.fromNode(oldNode);
        if (old != null && sameContent(old, exchange)) {
            return new Pending(exchange, old, ExchangeCodec.storedSequence(oldNode), false);
        }
        long seq = lastSeq + 1;
        batch.put(index.handle(Families.EXCHANGES), key, ExchangeCodec.stored(exchange, seq));
        batch.put(index.handle(Families.JOURNAL), StoreKeys.journal(seq), utf8(exchange.requestKey()));
        if (old != null) {
            batch.delete(index.handle(Families.JOURNAL), StoreKeys.journal(ExchangeCodec.storedSequence(oldNode)));
        }
        batch.put(index.handle(Families.META), StoreKeys.meta("lastSequence"), utf8(Long.toString(seq)));
        return new Pending(exchange, old, seq, true);
    }

    /** Equal in everything but recordedAt, upstream and upstreamMillis: a re-recording of the same answer. */
    static boolean sameContent(RecordedExchange a, RecordedExchange b) {
        return a.requestKey().equals(b.requestKey()) && a.method().equals(b.method()) && a.url().equals(b.url())
                && a.status() == b.status() && a.headers().equals(b.headers())
                && Objects.equals(a.bodySha256(), b.bodySha256()) && a.bodySize() == b.bodySize();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
